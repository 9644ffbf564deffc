//! `{nullable: T}` is allowed only as an array's items or a map's values;
//! multipart parts may be object types; a path placeholder may repeat but not
//! be empty; `at_least_one_of` lists optional fields of an object or a `json`
//! body. Each misuse names `file:line:column: item`.

use sdk_tests::validator_base_texts;

/// The validator base schema with `things.yaml` added.
fn generate_with_things(resource: &str) -> Result<Vec<codegen::GeneratedFile>, codegen::Error> {
    let mut texts = validator_base_texts();
    texts.push(("things.yaml".to_string(), resource.to_string()));
    codegen::generate_texts(texts)
}

fn error_of(resource: &str) -> String {
    match generate_with_things(resource) {
        Ok(_) => panic!("accepted:\n{resource}"),
        Err(error) => error.to_string(),
    }
}

fn assert_has(error: &str, expected: &[&str]) {
    for part in expected {
        assert!(error.contains(part), "{part:?} not in:\n{error}");
    }
}

const TYPES: &str = "doc: Things.
types:
  Thing:
    doc: A thing.
    object:
      tags: {type: {array: {nullable: string}}, items: {max_length: 3}, doc: Tags.}
      limits: {type: {map: {nullable: integer}}, doc: Limits.}
      twice: {type: {array: {nullable: {nullable: string}}}, doc: Twice.}
      loose: {type: {array: {nullable: json}}, doc: Any.}
      bare: {type: {nullable: string}, doc: A field says nullable.}
  Maybe:
    doc: An alias.
    alias: {nullable: string}
  Either:
    doc: A union.
    union:
      - {name: Text, type: string}
      - {name: Thing, type: {nullable: Thing}}
  List:
    doc: A union with a list whose items may be null.
    union:
      - {name: Items, type: {array: {nullable: Thing}}}
      - {name: Loose, type: {array: {nullable: json}}}
";

#[test]
fn nullable_is_only_for_items_and_values() {
    let error = error_of(&format!(
        "{TYPES}operations:
  list:
    doc: Lists things.
    method: GET
    path: things
    params_type: ThingListParams
    query:
      ids: {{type: {{array: {{nullable: string}}}}, doc: Ids.}}
    response:
      result: {{nullable: Thing}}
  send:
    doc: Sends parts.
    method: POST
    path: things
    params_type: ThingSendParams
    response:
      raw: json
    body:
      multipart:
        names: {{type: {{array: {{nullable: string}}}}, doc: Names.}}
"
    ));
    assert_has(
        &error,
        &[
            "things.yaml:8:15: types.Thing.object.twice.type: {nullable: T} is only for an array's items or a map's values (a field says `nullable: true`)",
            "things.yaml:9:15: types.Thing.object.loose.type: json holds `null` already; write json, not {nullable: json}",
            "things.yaml:10:14: types.Thing.object.bare.type: {nullable: T} is only for an array's items or a map's values",
            "things.yaml:13:5: types.Maybe.alias: {nullable: T} is only for an array's items or a map's values",
            "things.yaml:18:9: types.Either.union[1]: a union variant cannot be {nullable: T}",
            "types.List.union[1]: json holds `null` already",
            "things.yaml:31:7: operations.list.query.ids: an item that may be null cannot be sent in a query string",
            "things.yaml:32:5: operations.list.response: {nullable: T} is only for an array's items or a map's values",
            "things.yaml:43:9: operations.send.body.multipart.names: a multipart field must be a file, a scalar, an enum, an object type, json or an array of these",
        ],
    );
    // The items and values that may be null, and their item rules, are fine.
    assert!(!error.contains("object.tags"), "{error}");
    assert!(!error.contains("object.limits"), "{error}");
    assert!(!error.contains("List.union[0]"), "{error}");
}

#[test]
fn a_multipart_part_may_be_an_object_type_but_not_an_object_union() {
    let send = |part: &str| {
        format!(
            "doc: Things.
types:
  Meta:
    doc: Metadata.
    object:
      name: {{type: string, required: true, doc: A name.}}
  Either:
    doc: A union of objects.
    union:
      - {{name: Meta, type: Meta}}
      - {{name: Text, type: string}}
operations:
  send:
    doc: Sends parts.
    method: POST
    path: things
    params_type: ThingSendParams
    response:
      raw: json
    body:
      multipart:
        meta: {{type: {part}, doc: The part.}}
"
        )
    };
    generate_with_things(&send("Meta")).expect("an object part");
    generate_with_things(&send("{array: Meta}")).expect("an object part per item");
    let error = error_of(&send("Either"));
    assert_has(
        &error,
        &["things.yaml:22:9: operations.send.body.multipart.meta: a multipart field must be a file, a scalar, an enum, an object type, json or an array of these"],
    );
}

#[test]
fn a_placeholder_may_repeat_but_not_be_empty() {
    let op = |path: &str| {
        format!(
            "doc: Things.
operations:
  get:
    doc: Gets a thing.
    method: GET
    path: {path}
    params_type: ThingGetParams
    response:
      raw: json
    path_params:
      id: {{type: string, in: argument, doc: The thing.}}
"
        )
    };
    generate_with_things(&op("things/{id}/links/{id}")).expect("a placeholder used twice");
    let error = error_of(&op("things/{id}/links/{}"));
    assert_has(
        &error,
        &["things.yaml:6:5: operations.get.path: `{}` is empty"],
    );
}

#[test]
fn at_least_one_of_lists_two_or_more_optional_fields_of_an_object_or_a_json_body() {
    let error = error_of(
        "doc: Things.
types:
  Thing:
    doc: A thing.
    at_least_one_of: [name, name, nmae, id]
    object:
      id: {type: string, required: true, doc: Its id.}
      name: {type: string, doc: Its name.}
  Alone:
    doc: One field alone.
    at_least_one_of: [name]
    object:
      name: {type: string, doc: Its name.}
  Kind:
    doc: Not an object.
    at_least_one_of: [a, b]
    string_enum: [a, b]
operations:
  send:
    doc: Sends a thing.
    method: POST
    path: things
    params_type: ThingSendParams
    response:
      raw: json
    body:
      at_least_one_of: [a, b]
      json_type: Thing
",
    );
    assert_has(
        &error,
        &[
            "things.yaml:5:5: types.Thing.at_least_one_of: `name` is listed twice",
            "things.yaml:5:5: types.Thing.at_least_one_of: `nmae` is not a field of the object; did you mean `name`?",
            "things.yaml:5:5: types.Thing.at_least_one_of: `id` is required, so the rule always holds",
            "things.yaml:11:5: types.Alone.at_least_one_of: at_least_one_of needs two fields or more (one alone is `required: true`)",
            "things.yaml:16:5: types.Kind.at_least_one_of: at_least_one_of is only for an object",
            "things.yaml:27:7: operations.send.body.at_least_one_of: at_least_one_of is only for a `json` body",
        ],
    );
    let error = error_of(
        "doc: Things.
operations:
  send:
    doc: Sends a thing.
    method: POST
    path: things
    params_type: ThingSendParams
    response:
      raw: json
    body:
      at_least_one_of: [a, c]
      json:
        a: {type: string, doc: A.}
        b: {type: string, doc: B.}
",
    );
    assert_has(
        &error,
        &["things.yaml:11:7: operations.send.body.at_least_one_of: `c` is not a field of the object"],
    );
}
