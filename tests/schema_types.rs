//! Schema errors of the type constructs (object unions, tags, all_of, shared
//! types, formats, constraints, defaults), on the types fixture edited in
//! memory: each names its file, line and item, and none hides another.

use sdk_tests::root;

const ZOO: &str = "zoo.yaml";

/// The types fixture's files as (path, text).
fn fixture() -> Vec<(String, String)> {
    let dir = root().join("tests/fixtures/schemas/types");
    ["api.yaml", "zoo.yaml", "shared/common.yaml"]
        .iter()
        .map(|f| {
            let path = dir.join(f);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (f.to_string(), text)
        })
        .collect()
}

/// The fixture with each `(from, to)` replaced once in `file`, generated.
fn generate(file: &str, edits: &[(&str, &str)]) -> Result<Vec<codegen::GeneratedFile>, String> {
    let mut texts = fixture();
    let text = &mut texts.iter_mut().find(|(p, _)| p == file).expect("file").1;
    for (from, to) in edits {
        assert!(text.contains(from), "{file} does not contain {from:?}");
        *text = text.replacen(from, to, 1);
    }
    codegen::generate_texts(texts).map_err(|e| e.to_string())
}

fn error(file: &str, edits: &[(&str, &str)]) -> String {
    generate(file, edits).map(|_| ()).expect_err("refused")
}

#[test]
fn the_types_fixture_is_valid() {
    generate(ZOO, &[]).expect("generates");
}

/// Regression: `default: []` on an array stopped loading with an error about
/// `…type` (an untagged enum of scalars) and hid every other error.
#[test]
fn defaults_of_arrays_enums_and_objects_load_and_are_checked_against_the_type() {
    // The fixture has `default: []`, an enum default and object defaults.
    let files = generate(ZOO, &[]).expect("generates");
    let zoo = files
        .iter()
        .find(|f| f.path == "src/zoo.rs")
        .expect("zoo.rs");
    assert!(
        zoo.contents.contains("the API's default is []"),
        "documented"
    );
    assert!(
        zoo.contents.contains("the API's default is blue"),
        "documented"
    );
    // A wrong default is an error at `default`, beside an unrelated error.
    let message = error(
        ZOO,
        &[
            (
                "        default: []\n        doc: Tricks",
                "        default: [1]\n        doc: Tricks",
            ),
            ("        default: blue", "        default: purple"),
            (
                "        default: {color: red}",
                "        default: {colour: red}",
            ),
            (
                "method: GET\n    path: pets\n",
                "method: GOT\n    path: pets\n",
            ),
        ],
    );
    let lines: Vec<&str> = message.lines().collect();
    assert!(
        lines.iter().any(|l| l.contains(
            "types.Dog.object.tricks.default: default [0]: does not match type `string`"
        )),
        "{message}"
    );
    assert!(
        lines.iter().any(|l| l.contains("operations.list.query.color.default: default is not one of the values of `shared.common.Color`")),
        "{message}"
    );
    assert!(
        lines.iter().any(|l| l.contains("types.Habitat.object.options.default: default has `colour`, which is not a field of `Filter`")),
        "{message}"
    );
    assert!(
        lines.iter().any(|l| l.contains("`GOT` is not one of")),
        "{message}"
    );
    // A scalar type with a list default names the field, not some inner key.
    let message = error(
        ZOO,
        &[(
            "        format: uri\n",
            "        format: uri\n        default: []\n",
        )],
    );
    assert!(
        message.contains("operations.list.query.site: default does not match type `string`"),
        "{message}"
    );
}

#[test]
fn a_missing_shared_type_gets_a_suggestion() {
    let message = error(
        ZOO,
        &[(
            "type: shared.common.Endpoint\n        doc: Nearest",
            "type: shared.common.Endpont\n        doc: Nearest",
        )],
    );
    assert!(message.contains("zoo.yaml:"), "{message}");
    assert!(
        message
            .contains("operations.list.query.endpoint.type: unknown type `shared.common.Endpont`"),
        "{message}"
    );
    assert!(
        message.contains("did you mean `shared.common.Endpoint`?"),
        "{message}"
    );
    let message = error(
        ZOO,
        &[(
            "all_of: [Named, shared.common.Audit]",
            "all_of: [Named, shared.comon.Audit]",
        )],
    );
    assert!(
        message.contains("types.Cat.all_of: all_of: unknown type `shared.comon.Audit`"),
        "{message}"
    );
}

#[test]
fn all_of_parts_that_disagree_on_a_field_are_refused() {
    let message = error(
        ZOO,
        &[(
            "      lives:\n        type: integer",
            "      name:\n        type: integer",
        )],
    );
    assert!(
        message.contains("types.Cat.all_of: field `name` is declared twice"),
        "{message}"
    );
    let message = error(ZOO, &[("all_of: [Named]", "all_of: [Pet]")]);
    assert!(message.contains("`Pet` is not an object type"), "{message}");
    let message = error(ZOO, &[("all_of: [Named]", "all_of: [Dog]")]);
    assert!(message.contains("does a type contain itself?"), "{message}");
}

#[test]
fn a_pattern_regex_lite_cannot_compile_is_refused() {
    let message = error(ZOO, &[("^[A-Z]{3}-[0-9]+$", "^(?=[A-Z])")]);
    assert!(
        message.contains("operations.list.query.code.pattern: \"^(?=[A-Z])\" is not a regular expression regex-lite accepts"),
        "{message}"
    );
}

#[test]
fn constraints_on_the_wrong_type_are_refused() {
    let message = error(
        ZOO,
        &[
            ("        multiple_of: 2\n", "        multiple_of: 0\n"),
            ("        format: uri\n", "        format: url\n"),
            ("        min_items: 1\n        max_items: 3\n        unique_items: true\n        default: []", "        min_items: 4\n        max_items: 3\n        default: []"),
            ("        format: ipv4\n        doc: Seen", "        format: ipv4\n        pattern: x\n        doc: Seen"),
        ],
    );
    for expected in [
        "operations.list.query.age.multiple_of: multiple_of 0 must be above 0",
        "unknown format `url`; known: date-time, date, uuid, uri, uri-reference, uri-template, email, hostname, ipv4, ipv6; did you mean `uri`?",
        "operations.list.query.tags: max_items 3 is below min_items 4",
        "operations.list.query.ip.pattern: pattern needs type string (without a typed format)",
    ] {
        assert!(message.contains(expected), "{expected}\n{message}");
    }
    let message = error(
        ZOO,
        &[(
            "        exclusive_minimum: 0\n        exclusive_maximum: 100",
            "        exclusive_minimum: zero\n        exclusive_maximum: 100",
        )],
    );
    assert!(
        message.contains("weight.exclusive_minimum: exclusive_minimum must be a number"),
        "{message}"
    );
}

#[test]
fn union_mistakes_are_refused() {
    // A union with object members has no query form.
    let message = error(
        ZOO,
        &[(
            "type: shared.common.Endpoint\n        doc: Nearest",
            "type: Pet\n        doc: Nearest",
        )],
    );
    assert!(
        message.contains(
            "operations.list.query.endpoint: `Pet` is a union with object or array members"
        ),
        "{message}"
    );
    // Tags without a discriminator, a variant without a tag, a repeated tag.
    let message = error(ZOO, &[("    discriminator: kind\n", "")]);
    assert!(
        message.contains("types.TaggedPet.union[0].tag: tag needs a `discriminator:`"),
        "{message}"
    );
    let message = error(
        ZOO,
        &[(
            "{name: Dog, type: Dog, tag: dog}",
            "{name: Dog, type: Dog, tag: cat}",
        )],
    );
    assert!(message.contains("tag `cat` is used twice"), "{message}");
    let message = error(
        ZOO,
        &[("{name: Dog, type: Dog, tag: dog}", "{name: Dog, type: Dog}")],
    );
    assert!(message.contains("types.TaggedPet.union[1]: every variant of a union with a discriminator needs a `tag:`"), "{message}");
    // The union owns the tag: a member may not declare it.
    let message = error(
        ZOO,
        &[("    discriminator: kind\n", "    discriminator: name\n")],
    );
    assert!(
        message.contains("`Cat` declares `name`, the discriminator"),
        "{message}"
    );
    // Members: scalars, one array, objects; not maps or enums; not `Unknown`.
    let message = error(
        ZOO,
        &[
            (
                "{name: Fish, type: Fish}",
                "{name: Fish, type: {map: Fish}}",
            ),
            (
                "{name: Label, type: string, doc: Only a name.}",
                "{name: Unknown, type: string}",
            ),
            ("{name: Dog, type: Dog}", "{name: Dog, type: Colour}"),
        ],
    );
    for expected in [
        "types.Pet.union[2]: a map cannot be a union variant",
        "types.Pet.union[3]: `Unknown` is the variant that keeps a value no member fits",
        "types.Pet.union[1]: unknown type `Colour`",
    ] {
        assert!(message.contains(expected), "{expected}\n{message}");
    }
    let message = error(
        ZOO,
        &[(
            "{name: Dog, type: Dog}",
            "{name: Dog, type: shared.common.Color}",
        )],
    );
    assert!(
        message.contains("`shared.common.Color` is not an object type"),
        "{message}"
    );
}
