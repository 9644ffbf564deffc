//! A bad schema gives `file:line:column: item: message`, never a panic.

use sdk_tests::{schema_texts, validator_base_texts};

const LOGS: &str = "ai_gateway/logs.yaml";

/// The real schema with `from` replaced by `to` in `file`, generated.
fn generate_with(
    file: &str,
    from: &str,
    to: &str,
) -> Result<Vec<codegen::GeneratedFile>, codegen::Error> {
    let mut texts = validator_base_texts();
    let text = &mut texts
        .iter_mut()
        .find(|(path, _)| path == file)
        .expect("file exists")
        .1;
    assert!(text.contains(from), "{file} does not contain {from:?}");
    *text = text.replacen(from, to, 1);
    codegen::generate_texts(texts)
}

fn error_with(file: &str, from: &str, to: &str) -> String {
    match generate_with(file, from, to) {
        Ok(_) => panic!("replacing {from:?} with {to:?} in {file} was accepted"),
        Err(error) => error.to_string(),
    }
}

/// The 1-based line of the first line of `file` that equals `line` once
/// trimmed, after the first line that equals `after`.
fn line_after(file: &str, after: &str, line: &str) -> usize {
    let texts = validator_base_texts();
    let text = &texts
        .iter()
        .find(|(path, _)| path == file)
        .expect("file exists")
        .1;
    let start = text
        .lines()
        .position(|l| l.trim() == after)
        .expect("anchor exists");
    start
        + text
            .lines()
            .skip(start)
            .position(|l| l.trim() == line)
            .expect("line exists")
        + 1
}

fn line_of(file: &str, line: &str) -> usize {
    line_after(file, "operations:", line)
}

#[test]
fn the_real_schema_is_valid() {
    codegen::generate_texts(schema_texts()).expect("schema/ generates");
}

#[test]
fn maximum_below_minimum_names_file_line_column_and_item() {
    let line = line_of(LOGS, "per_page:");
    let error = error_with(LOGS, "maximum: 50", "maximum: 0");
    assert_eq!(
        error,
        format!("{LOGS}:{line}:7: operations.list.query.per_page: maximum 0 is below minimum 1")
    );
}

#[test]
fn unknown_key_is_refused_where_it_stands() {
    let error = error_with(
        LOGS,
        "        minimum: 1\n        maximum: 50",
        "        minimum: 1\n        maximun: 50",
    );
    let line = line_of(LOGS, "maximum: 50");
    assert_eq!(
        error,
        format!("{LOGS}:{line}:9: operations.list.query.per_page.maximun: unknown key `maximun`; did you mean `maximum`?")
    );
}

#[test]
fn yaml_syntax_error_points_at_the_line() {
    let error = error_with(LOGS, "    method: GET", "    method: [GET");
    assert!(error.starts_with(&format!("{LOGS}:")), "{error}");
    let line: usize = error
        .split(':')
        .nth(1)
        .and_then(|l| l.parse().ok())
        .expect("a line number");
    assert!(line >= line_of(LOGS, "method: GET"), "{error}");
}

#[test]
fn unknown_type_names_the_field() {
    let line = line_of(LOGS, "type: LogListParamsOrderBy");
    let error = error_with(
        LOGS,
        "type: LogListParamsOrderBy\n",
        "type: LogListParamsOrderByy\n",
    );
    assert!(
        error.starts_with(&format!("{LOGS}:{line}:9: operations.list.query.order_by.type: unknown type `LogListParamsOrderByy`")),
        "{error}"
    );
}

#[test]
fn enum_values_that_make_the_same_variant_are_refused() {
    let error = error_with(
        LOGS,
        "      - metadata.value\n",
        "      - metadata.value\n      - metadata_value\n",
    );
    assert!(
        error.contains("string_enum[19]: values `metadata.value` and `metadata_value` both become variant `MetadataValue`; give one a `name:`"),
        "{error}"
    );
}

#[test]
fn fields_that_make_the_same_rust_name_are_refused() {
    let error = error_with(LOGS, "      model_type:\n        type: string\n        doc: Only", "      model.type:\n        type: string\n        doc: Dup\n      model_type:\n        type: string\n        doc: Only");
    assert!(
        error.contains("`model.type` and `model_type` both become `model_type`"),
        "{error}"
    );
}

#[test]
fn path_template_and_path_params_must_match() {
    let error = error_with(
        LOGS,
        "gateways/{gateway_id}/logs",
        "gateways/{gateway}/logs",
    );
    assert!(
        error.contains("operations.list.path: `{gateway}` has no entry in path_params"),
        "{error}"
    );
    assert!(
        error.contains("operations.list.path_params.gateway_id: is not in the path template"),
        "{error}"
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let mut texts = validator_base_texts();
    let logs = &mut texts.iter_mut().find(|(p, _)| p == LOGS).expect("logs").1;
    *logs =
        logs.replacen("maximum: 50", "maximum: 0", 1)
            .replacen("method: GET", "method: FETCH", 1);
    let error = codegen::generate_texts(texts)
        .expect_err("two errors")
        .to_string();
    assert_eq!(error.lines().count(), 2, "{error}");
    assert!(
        error.contains("`FETCH` is not one of: GET, POST, PUT, PATCH, DELETE"),
        "{error}"
    );
}

#[test]
fn api_level_errors_name_api_yaml() {
    let error = error_with("api.yaml", "arrays: repeat", "arrays: commas");
    assert!(error.starts_with("api.yaml:"), "{error}");
    assert!(
        error.contains("query_style.arrays: `commas` is not one of: repeat, brackets"),
        "{error}"
    );
    let error = error_with(
        "api.yaml",
        "pagination:\n  page_number:",
        "pagination:\n  pages:",
    );
    assert!(
        error.contains("operations.list.pagination: no pagination style `page_number` in api.yaml"),
        "{error}"
    );
}

#[test]
fn maps_and_json_cannot_be_query_parameters() {
    let error = error_with(
        LOGS,
        "      search:\n        type: string",
        "      search:\n        type: {map: string}",
    );
    assert!(
        error.contains("operations.list.query.search: a map cannot be sent in a query string"),
        "{error}"
    );
}

#[test]
fn a_type_named_like_the_resource_handle_is_refused() {
    let error = error_with(LOGS, "  LogListResultInfo:", "  Logs:");
    assert!(
        error.contains("`Logs` is the name of this resource's handle type"),
        "{error}"
    );
}

#[test]
fn missing_api_yaml_is_an_error_not_a_panic() {
    let texts: Vec<_> = schema_texts()
        .into_iter()
        .filter(|(p, _)| p != "api.yaml")
        .collect();
    let error = codegen::generate_texts(texts)
        .expect_err("no api.yaml")
        .to_string();
    assert_eq!(error, "api.yaml:1:1: the schema directory has no api.yaml");
}

#[test]
fn a_directory_needs_a_group_doc() {
    let error = error_with(
        "api.yaml",
        "groups:\n  ai_gateway:",
        "groups:\n  ai_gateway_x:",
    );
    assert!(
        error.contains("directory `ai_gateway` has no entry under `groups` in api.yaml"),
        "{error}"
    );
}

#[test]
fn garbage_input_never_panics() {
    for garbage in [
        "",
        "- a\n- b",
        "{",
        "doc: 1\ntypes: 7",
        "operations:\n  list: null",
        "\u{0}\u{1}",
        "a: &x [*x]",
    ] {
        let mut texts = validator_base_texts();
        texts.iter_mut().find(|(p, _)| p == LOGS).expect("logs").1 = garbage.to_string();
        let error = codegen::generate_texts(texts)
            .expect_err("garbage is refused")
            .to_string();
        assert!(
            error.starts_with(&format!("{LOGS}:")),
            "{garbage:?}: {error}"
        );
    }
}

#[test]
fn names_the_generated_code_relies_on_are_reserved() {
    let error = error_with(LOGS, "  LogListResultInfo:", "  Option:");
    assert!(
        error.contains("types.Option: `Option` is reserved"),
        "{error}"
    );
    let mut texts = validator_base_texts();
    let logs = texts
        .iter()
        .find(|(p, _)| p == LOGS)
        .expect("logs")
        .1
        .clone();
    texts.push((
        "ai_gateway/string.yaml".to_string(),
        logs.replace(
            "params_type: LogListParams",
            "params_type: StringListParams",
        ),
    ));
    let error = codegen::generate_texts(texts)
        .expect_err("reserved handle")
        .to_string();
    assert!(
        error.contains(
            "ai_gateway/string.yaml:1:1: `string` gives the handle type `String`, a reserved name"
        ),
        "{error}"
    );
}

// Schema errors that teach: all at once, the item once, in the schema's words,
// with a suggestion, and no cascades.

#[test]
fn every_shape_error_of_every_file_is_reported_at_once() {
    let mut texts = validator_base_texts();
    let logs = &mut texts.iter_mut().find(|(p, _)| p == LOGS).expect("logs").1;
    *logs = logs
        .replacen("        maximum: 50", "        maximun: 50", 1)
        .replacen("    method: GET", "    methd: GET", 1)
        .replacen("        required: true\n", "        required: maybe\n", 1);
    let api = &mut texts
        .iter_mut()
        .find(|(p, _)| p == "api.yaml")
        .expect("api")
        .1;
    *api = api.replacen("  max_retries: 2", "  max_retry: 2", 1);
    let error = codegen::generate_texts(texts)
        .expect_err("errors")
        .to_string();
    let lines: Vec<&str> = error.lines().collect();
    assert_eq!(lines.len(), 4, "{error}");
    for expected in [
        "client_defaults.max_retry: unknown key `max_retry`; did you mean `max_retries`?",
        "operations.list.methd: unknown key `methd`; did you mean `method`?",
        "operations.list.query.per_page.maximun: unknown key `maximun`; did you mean `maximum`?",
        "required: expected true or false, found the text \"maybe\"",
    ] {
        assert!(error.contains(expected), "{expected:?} in\n{error}");
    }
    // The missing keys follow from the typos and are not reported again.
    assert!(!error.contains("missing key"), "{error}");
}

#[test]
fn the_item_path_is_printed_once() {
    let error = error_with(
        LOGS,
        "        doc: Free-text search over the logs (in the live API; the seed document omits it).\n",
        "",
    );
    assert_eq!(
        error.matches("operations.list.query.search").count(),
        1,
        "{error}"
    );
    assert!(
        error.ends_with("operations.list.query.search: missing key `doc`"),
        "{error}"
    );
}

#[test]
fn a_value_that_runs_on_to_the_next_line_is_explained() {
    let error = error_with(LOGS, "        maximum: 50", "          maximum 50");
    assert!(
        error.contains("operations.list.query.per_page.minimum: minimum must be a number, found the text \"1 maximum 50\": the line below continues this value; is a `:` missing after a key there, or is it indented too far?"),
        "{error}"
    );
}

#[test]
fn a_mis_indented_line_is_explained() {
    let error = error_with(LOGS, "        maximum: 50", "       maximum: 50");
    assert!(error.contains("indentation"), "{error}");
    let error = error_with(LOGS, "        maximum: 50", "        maximum");
    assert!(error.contains("is a `:` missing after a key"), "{error}");
}

#[test]
fn unknown_names_get_a_suggestion() {
    let error = error_with(
        LOGS,
        "type: LogListParamsOrderBy\n",
        "type: LogListParamsOrdrBy\n",
    );
    assert!(
        error.ends_with("; did you mean `LogListParamsOrderBy`?"),
        "{error}"
    );
    let error = error_with(LOGS, "    method: GET", "    method: GTE");
    assert!(error.ends_with("; did you mean `GET`?"), "{error}");
    let error = error_with("api.yaml", "arrays: repeat", "arrays: repaet");
    assert!(error.ends_with("; did you mean `repeat`?"), "{error}");
    let error = error_with(LOGS, "format: date-time", "format: datetime");
    assert!(error.ends_with("; did you mean `date-time`?"), "{error}");
    // Nothing close: no suggestion.
    let error = error_with(LOGS, "    method: GET", "    method: FETCH");
    assert!(!error.contains("did you mean"), "{error}");
}

#[test]
fn one_typo_in_a_type_is_one_error() {
    let error = error_with(
        LOGS,
        "        type: integer\n        doc: Logs per page.",
        "        type: integr\n        doc: Logs per page.",
    );
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(error.contains("unknown type `integr`"), "{error}");
    assert!(error.ends_with("did you mean `integer`?"), "{error}");
}

#[test]
fn the_xtask_names_files_from_the_repository_root() {
    let error = codegen::Error::Schema(vec![codegen::Diagnostic {
        file: LOGS.to_string(),
        line: 3,
        column: 1,
        item: String::new(),
        message: "x".to_string(),
    }])
    .in_dir("schema");
    assert_eq!(error.to_string(), format!("schema/{LOGS}:3:1: x"));
}

/// The real schema with `resource` added as `name` beside logs.yaml.
fn generate_with_file(name: &str, resource: &str) -> String {
    let mut texts = validator_base_texts();
    texts.push((name.to_string(), resource.to_string()));
    match codegen::generate_texts(texts) {
        Ok(_) => panic!("{name} was accepted"),
        Err(error) => error.to_string(),
    }
}

/// A resource file with one GET operation `op` and the given extra text.
fn resource(types: &str, op: &str, extra: &str) -> String {
    format!(
        "doc: A test resource.\ntypes:\n{types}operations:\n  {op}:\n    doc: An operation.\n    method: GET\n    path: things\n    params_type: ThingParams\n    response:\n      raw: json\n{extra}"
    )
}

#[test]
fn a_rust_name_the_generated_code_uses_is_refused_at_the_rust_name() {
    let error = error_with(
        LOGS,
        "      meta_info:\n        type: boolean\n",
        "      meta_info:\n        type: boolean\n        rust_name: build\n",
    );
    let line = line_of(LOGS, "meta_info:") + 2;
    assert!(
        error.contains(&format!("{LOGS}:{line}:9: operations.list.query.meta_info.rust_name: `build` is a name the generated code already uses here; choose another rust_name")),
        "{error}"
    );
    let error = error_with(
        LOGS,
        "        in: argument\n",
        "        in: argument\n        rust_name: params\n",
    );
    assert!(
        error.contains("operations.list.path_params.gateway_id.rust_name: `params` is a name the generated code already uses here"),
        "{error}"
    );
}

#[test]
fn a_renamed_member_that_still_collides_is_refused() {
    // `validate` is renamed `validate_`, which `validate_` already is.
    let error = error_with(
        LOGS,
        "      meta_info:\n",
        "      validate:\n        type: string\n        doc: A.\n      validate_:\n        type: string\n        doc: B.\n      meta_info:\n",
    );
    assert!(
        error.contains("operations.list.query.validate_: `validate` and `validate_` both become `validate_`; give one a `rust_name:`"),
        "{error}"
    );
}

#[test]
fn operations_named_like_handle_methods_are_refused() {
    let error = generate_with_file("things.yaml", &resource("  {}\n", "new", ""));
    assert!(
        error.contains("things.yaml:5:3: operations.new: `new` is a method every resource handle has; rename the operation"),
        "{error}"
    );
    let error = error_with(
        LOGS,
        "operations:\n  list:\n",
        "operations:\n  list_auto_paging:\n    doc: Clash.\n    method: GET\n    path: x\n    params_type: ClashParams\n    response:\n      raw: json\n  list:\n",
    );
    let line = line_of(LOGS, "list:");
    assert!(
        error.contains(&format!("{LOGS}:{line}:3: operations.list_auto_paging: `list_auto_paging` is the auto-paging method of `list`; rename the operation")),
        "{error}"
    );
}

#[test]
fn an_operation_named_like_a_child_module_is_refused() {
    let mut texts = validator_base_texts();
    texts.push((
        "ai_gateway.yaml".to_string(),
        resource("  {}\n", "logs", ""),
    ));
    let error = codegen::generate_texts(texts)
        .expect_err("clash")
        .to_string();
    assert!(
        error.contains("ai_gateway.yaml:5:3: operations.logs: gives the method `logs`, which is also the accessor of the module `logs`; rename the operation"),
        "{error}"
    );
}

#[test]
fn modules_named_like_root_items_are_refused() {
    for name in ["runtime", "client", "http"] {
        let error = generate_with_file(&format!("{name}.yaml"), &resource("  {}\n", "get", ""));
        assert!(
            error.contains(&format!("{name}.yaml:1:1: `{name}` gives the module `{name}`, a name the generated code uses for its own item or method")),
            "{error}"
        );
    }
}

#[test]
fn a_credential_named_like_a_client_builder_method_is_refused() {
    let error = error_with(
        "api.yaml",
        "      - name: api_token",
        "      - name: base_url",
    );
    assert!(
        error.contains("auth[0].credentials[0].name: `base_url` is already a method or field of the client builder; rename the credential"),
        "{error}"
    );
}

#[test]
fn a_type_named_like_a_generic_parameter_is_refused() {
    let error = error_with(LOGS, "  LogListResultInfo:", "  D:");
    assert!(error.contains("types.D: `D` is reserved"), "{error}");
}

#[test]
fn query_objects_nested_deeper_than_the_encoder_goes_are_refused() {
    let mut types = String::new();
    for i in 1..=9 {
        let field = if i < 9 {
            format!("l{}:\n        type: L{}", i + 1, i + 1)
        } else {
            "leaf:\n        type: string".to_string()
        };
        types.push_str(&format!(
            "  L{i}:\n    doc: Level {i}.\n    object:\n      {field}\n        doc: Next.\n"
        ));
    }
    let query = "    query:\n      deep:\n        type: L1\n        doc: Nine objects deep.\n";
    let error = generate_with_file("deep.yaml", &resource(&types, "get", query));
    assert!(
        error.contains(
            "operations.get.query.deep: `L9` is nested more than 8 objects or arrays deep"
        ),
        "{error}"
    );
}

#[test]
fn a_query_parameter_that_expands_to_too_many_keys_is_refused() {
    // Each level has four fields of the next: 4^6 leaves from 6 small types.
    let mut types = String::new();
    for i in 1..=6 {
        let ty = if i < 6 {
            format!("W{}", i + 1)
        } else {
            "string".to_string()
        };
        types.push_str(&format!("  W{i}:\n    doc: Wide.\n    object:\n"));
        for field in ["a", "b", "c", "d"] {
            types.push_str(&format!(
                "      {field}:\n        type: {ty}\n        doc: A field.\n"
            ));
        }
    }
    let query = "    query:\n      wide:\n        type: W1\n        doc: Wide.\n";
    let error = generate_with_file("wide.yaml", &resource(&types, "get", query));
    assert!(
        error.contains("operations.get.query.wide: expands to more than 1024 query keys"),
        "{error}"
    );
}

#[test]
fn integer_bounds_must_be_exact_integers() {
    let error = error_with(LOGS, "maximum: 50", "maximum: 9223372036854775808");
    let line = line_of(LOGS, "maximum: 50");
    assert!(
        error.contains(&format!("{LOGS}:{line}:9: operations.list.query.per_page.maximum: maximum 9223372036854775808 is out of the range of an integer (i64)")),
        "{error}"
    );
    let error = error_with(LOGS, "maximum: 50", "maximum: 1.0e19");
    assert!(
        error.contains("per_page.maximum: maximum 10000000000000000000 is not exact; write an integer literal within i64"),
        "{error}"
    );
    let error = error_with(LOGS, "maximum: 50", "maximum: 50.5");
    assert!(
        error.contains("per_page.maximum: maximum 50.5 of an integer must be a whole number"),
        "{error}"
    );
    let error = error_with(LOGS, "maximum: 50", "maximum: fifty");
    assert!(
        error.contains("per_page.maximum: maximum must be a number"),
        "{error}"
    );
}

#[test]
fn number_enum_values_an_f64_cannot_hold_exactly_are_refused() {
    let error = error_with(
        LOGS,
        "      - 0\n      - 1\n",
        "      - 0\n      - 1.0e20\n",
    );
    assert!(
        error.contains("number_enum[1]: 100000000000000000000 is not exact; write an integer literal within i64 or u64"),
        "{error}"
    );
}

/// The real schema's `Cargo.toml` with `sdk.license` followed by `line`.
fn manifest_with(line: &str) -> Result<String, codegen::Error> {
    let files = generate_with(
        "api.yaml",
        "  license: MIT OR Apache-2.0\n",
        &format!("  license: MIT OR Apache-2.0\n{line}"),
    )?;
    Ok(files
        .into_iter()
        .find(|f| f.path == "Cargo.toml")
        .expect("a manifest")
        .contents)
}

#[test]
fn every_group_is_a_default_feature_unless_default_groups_names_them() {
    let all = manifest_with("").expect("generates");
    assert!(
        all.contains("default = [\"rustls\", \"ai-gateway\"]\n")
            && all.contains("\nai-gateway = []\n"),
        "{all}"
    );
    let none = manifest_with("  default_groups: []\n").expect("generates");
    assert!(
        none.contains("default = [\"rustls\"]\n") && none.contains("\nai-gateway = []\n"),
        "{none}"
    );
    let named = manifest_with("  default_groups: [ai_gateway]\n").expect("generates");
    assert_eq!(named, all);
}

#[test]
fn default_groups_must_name_a_group() {
    let error = manifest_with("  default_groups: [ai_gateway, workers]\n")
        .expect_err("an unknown group is refused")
        .to_string();
    assert!(
        error.contains("sdk.default_groups[1]: `workers` is not a group"),
        "{error}"
    );
}

#[test]
fn a_group_may_not_take_a_runtime_feature_name() {
    let texts = schema_texts()
        .into_iter()
        .map(|(path, text)| match path.strip_prefix("ai_gateway/") {
            Some(rest) => (format!("tracing/{rest}"), text),
            None => (path, text.replace("\n  ai_gateway:\n", "\n  tracing:\n")),
        })
        .collect();
    let Err(error) = codegen::generate_texts(texts) else {
        panic!("a group named tracing was accepted");
    };
    let error = error.to_string();
    assert!(
        error.contains("`tracing` would be the cargo feature `tracing`, which the runtime uses"),
        "{error}"
    );
}
