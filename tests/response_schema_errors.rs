//! Response kinds and pagination styles that cannot work are refused with
//! `file:line:column: item: message`, on the `responses` fixture edited in memory.

use std::path::Path;

use sdk_tests::root;

const REPORTS: &str = "reports.yaml";
const API: &str = "api.yaml";

fn fixture_texts(dir: &str) -> Vec<(String, String)> {
    let dir = root().join(dir);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .map(|path: std::path::PathBuf| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("name")
                .to_owned();
            (
                name,
                std::fs::read_to_string(Path::new(&path)).expect("readable"),
            )
        })
        .collect();
    out.sort();
    out
}

/// The `responses` fixture with each `(file, from, to)` edit made, generated.
fn error_with(edits: &[(&str, &str, &str)]) -> String {
    let mut texts = fixture_texts("tests/fixtures/schemas/responses");
    for (file, from, to) in edits {
        let text = &mut texts
            .iter_mut()
            .find(|(path, _)| path == file)
            .expect("file")
            .1;
        assert!(text.contains(from), "{file} does not contain {from:?}");
        *text = text.replacen(from, to, 1);
    }
    match codegen::generate_texts(texts) {
        Ok(_) => panic!("{edits:?} was accepted"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn the_fixtures_are_valid() {
    for dir in [
        "tests/fixtures/schemas/responses",
        "tests/fixtures/schemas/no_envelope",
    ] {
        codegen::generate_texts(fixture_texts(dir)).unwrap_or_else(|e| panic!("{dir}: {e}"));
    }
}

#[test]
fn a_response_has_exactly_one_kind() {
    let error = error_with(&[(
        REPORTS,
        "      bytes: true\n",
        "      bytes: true\n      text: true\n",
    )]);
    assert!(
        error.contains("operations.pdf.response: a response needs exactly one of: page, result, raw, bytes, text, empty"),
        "{error}"
    );
    let error = error_with(&[(REPORTS, "      bytes: true\n", "      status: [200]\n")]);
    assert!(
        error.contains("operations.pdf.response: a response needs exactly one of"),
        "{error}"
    );
}

#[test]
fn statuses_are_distinct_successes() {
    let error = error_with(&[(REPORTS, "status: [200, 201]", "status: [201, 404, 201]")]);
    assert!(
        error.contains(
            "operations.create.response.status: 404 is not a success status (200 to 299)"
        ),
        "{error}"
    );
    assert!(
        error.contains("operations.create.response.status: 201 is listed twice"),
        "{error}"
    );
    let error = error_with(&[(REPORTS, "status: [200, 201]", "status: []")]);
    assert!(error.contains("list at least one status"), "{error}");
}

#[test]
fn page_items_may_be_any_known_type() {
    let error = error_with(&[(
        REPORTS,
        "{item: string, result_info: PageInfo}",
        "{item: {array: Missing}, result_info: PageInfo}",
    )]);
    assert!(
        error.contains("operations.names.response.page.item"),
        "{error}"
    );
    assert!(error.contains("Missing"), "{error}");
    let error = error_with(&[(
        REPORTS,
        "{item: Score, result_info: PageInfo}",
        "{item: Score, result_info: Score}",
    )]);
    assert!(
        error.contains("operations.scores.response.page.result_info: `Score` is not an object type of this file"),
        "{error}"
    );
}

#[test]
fn without_an_envelope_there_are_no_pages() {
    let error = error_with(&[(API, "envelope: cloudflare_v4", "envelope: none")]);
    assert!(
        error.contains("reports.yaml:") && error.contains("operations.names.response.page: an API with `envelope: none` has no `result` and `result_info` to page through"),
        "{error}"
    );
    let error = error_with(&[(API, "envelope: cloudflare_v4", "envelope: bare")]);
    assert!(
        error.contains("unknown envelope `bare`; the runtime knows `cloudflare_v4` and `none`"),
        "{error}"
    );
}

#[test]
fn a_style_is_page_numbers_or_a_cursor_not_both() {
    let error = error_with(&[(
        API,
        "  by_cursor:\n",
        "  by_cursor:\n    page_param: page\n",
    )]);
    assert!(
        error.contains("api.yaml:")
            && error.contains(
                "pagination.by_cursor: a pagination style needs either all of page_param"
            ),
        "{error}"
    );
    let error = error_with(&[(API, "    info_total_count: total_count\n", "")]);
    assert!(
        error.contains("pagination.numbered: a pagination style needs either"),
        "{error}"
    );
}

#[test]
fn cursor_styles_need_a_string_cursor_on_both_sides() {
    let error = error_with(&[(
        REPORTS,
        "      cursor:\n        type: string\n        doc: Where",
        "      cursor:\n        type: integer\n        doc: Where",
    )]);
    assert!(
        error.contains(
            "operations.scan.pagination: style `by_cursor` needs a string query parameter `cursor`"
        ),
        "{error}"
    );
    let error = error_with(&[(
        REPORTS,
        "      cursor:\n        type: string\n        doc: The next",
        "      next:\n        type: string\n        doc: The next",
    )]);
    assert!(
        error.contains("operations.scan.pagination: style `by_cursor` needs a string field `cursor` in CursorInfo"),
        "{error}"
    );
}

#[test]
fn number_page_parameters_need_whole_bounds() {
    let error = error_with(&[(
        REPORTS,
        "        maximum: 1000\n        default: 20",
        "        maximum: 99.5\n        default: 20",
    )]);
    assert!(
        error.contains(
            "operations.names.query.per_page.maximum: a page parameter is sent as an integer"
        ),
        "{error}"
    );
    let error = error_with(&[(REPORTS, "      per_page:\n        type: number\n        minimum: 1\n        maximum: 1000\n        default", "      per_page:\n        type: string\n        default")]);
    assert!(
        error.contains("style `numbered` needs an integer (or number) query parameter `per_page`"),
        "{error}"
    );
}
