//! Schema rules of the request side: header parameters, array styles,
//! bodies, per-operation auth, aliases. Each bad schema names the item.

use sdk_tests::validator_base_texts;

const LOGS: &str = "ai_gateway/logs.yaml";

/// The error of the real schema with `from` replaced by `to` in logs.yaml.
fn error_with(from: &str, to: &str) -> String {
    let mut texts = validator_base_texts();
    let text = &mut texts
        .iter_mut()
        .find(|(path, _)| path == LOGS)
        .expect("file exists")
        .1;
    assert!(text.contains(from), "logs.yaml does not contain {from:?}");
    *text = text.replacen(from, to, 1);
    match codegen::generate_texts(texts) {
        Ok(_) => panic!("replacing {from:?} with {to:?} was accepted"),
        Err(error) => error.to_string(),
    }
}

/// The edit operation's whole body.
const WHOLE_EDIT_BODY: &str = "    body:
      json:
        feedback:
          type: number
          nullable: true
          minimum: -1
          maximum: 1
          doc: The user's feedback on the response, from -1 (bad) to 1 (good).
        score:
          type: number
          nullable: true
          minimum: 0
          maximum: 100
          doc: A score for the response, from 0 to 100.
        metadata:
          type: {map: LogEditParamsMetadata}
          nullable: true
          doc: Metadata to attach to the log, by key.
";

/// The start of the edit operation's body, to put something before.
const EDIT_BODY: &str = "    body:\n      json:\n        feedback:";

fn assert_has(error: &str, expected: &[&str]) {
    for part in expected {
        assert!(error.contains(part), "{part:?} not in:\n{error}");
    }
}

#[test]
fn array_styles_are_checked() {
    let error = error_with(
        "        type: {array: LogListParamsFilter}\n        doc: Conditions the logs must all meet.",
        "        type: {array: LogListParamsFilter}\n        style: comma\n        doc: Conditions the logs must all meet.",
    );
    assert_has(
        &error,
        &["operations.list.query.filters.style: style comma needs an array of scalars or enums"],
    );
    let error = error_with(
        "        doc: Free-text search over the logs",
        "        style: coma\n        doc: Free-text search over the logs",
    );
    assert_has(
        &error,
        &["unknown style `coma`; known: comma, repeat; did you mean `comma`?"],
    );
    let error = error_with(
        "        type: boolean\n        required: true\n        doc: Whether the logs were deleted.",
        "        type: boolean\n        required: true\n        style: comma\n        doc: Whether the logs were deleted.",
    );
    assert_has(
        &error,
        &["types.LogDeleteResponse.object.success.style: `style` is only for query parameters"],
    );
}

#[test]
fn header_parameters_are_checked() {
    let headers = "    headers:\n      Authorization: {type: string, doc: x}\n      X-Auth-Key: {type: string, doc: x}\n      bad name: {type: string, doc: x}\n      cf-list: {type: {array: string}, doc: x}\n      cf-json: {type: json, doc: x}\n      cf-ok: {type: LogDeleteParamsOrderBy, doc: x}\n      cf-null: {type: string, nullable: true, doc: x}\n";
    let error = error_with(EDIT_BODY, &format!("{headers}{EDIT_BODY}"));
    assert_has(
        &error,
        &[
            "operations.edit.headers.Authorization: `Authorization` is a header the client sets itself",
            "operations.edit.headers.X-Auth-Key: `X-Auth-Key` is a header the client sets itself",
            "operations.edit.headers.bad name: a header name must be an HTTP token",
            "operations.edit.headers.cf-list: a header parameter must be a scalar or an enum",
            "operations.edit.headers.cf-json: a header parameter must be a scalar or an enum",
            "operations.edit.headers.cf-null: a header has no null; leave the parameter unset instead",
        ],
    );
    assert!(!error.contains("cf-ok"), "{error}");
}

#[test]
fn bodies_are_checked() {
    let error = error_with(
        EDIT_BODY,
        "    body:\n      raw: {content_type: text/plain}\n      json:\n        feedback:",
    );
    assert_has(
        &error,
        &["operations.edit.body: a body needs exactly one of: json, json_type, multipart, raw"],
    );
    let error = error_with(
        EDIT_BODY,
        "    body:\n      required: true\n      json:\n        feedback:",
    );
    assert_has(
        &error,
        &["operations.edit.body.required: a `json` body is always sent; mark its fields `required` instead"],
    );
    let error = error_with(
        "    params_type: LogGetParams\n",
        "    params_type: LogGetParams\n    body: {json_type: json}\n",
    );
    assert_has(&error, &["operations.get.body: a GET request has no body"]);
    for bad in ["text plain", "text/plain\nX-Evil: 1", "text/"] {
        let error = error_with(
            WHOLE_EDIT_BODY,
            &format!("    body:\n      raw: {{content_type: {bad:?}}}\n"),
        );
        assert_has(
            &error,
            &[
                "operations.edit.body.raw.content_type:",
                "is not a media type",
            ],
        );
    }
    let error = error_with(
        WHOLE_EDIT_BODY,
        "    body:\n      multipart:\n        doc: {type: file, nullable: true, doc: x}\n        files: {type: {array: file}, doc: x}\n        meta: {type: {map: string}, doc: x}\n        ok: {type: LogDeleteParamsOrderBy, doc: x}\n",
    );
    assert_has(
        &error,
        &[
            "operations.edit.body.multipart.doc: a file part takes no nullable, format or default",
            "operations.edit.body.multipart.files: give each file part a field of its own",
            "operations.edit.body.multipart.meta: a multipart field must be a file, a scalar, an enum, an object type, json or an array of these",
        ],
    );
    assert!(!error.contains("multipart.ok"), "{error}");
    // `file` is a type for multipart parts only.
    let error = error_with(
        "        feedback:\n          type: number",
        "        feedback:\n          type: file",
    );
    assert_has(
        &error,
        &["operations.edit.body.json.feedback.type: unknown type `file`"],
    );
}

#[test]
fn params_fields_share_one_namespace() {
    let error = error_with(
        EDIT_BODY,
        &format!("    query:\n      score: {{type: string, doc: x}}\n    headers:\n      account_id: {{type: string, doc: x}}\n{EDIT_BODY}"),
    );
    assert_has(
        &error,
        &[
            "operations.edit.headers.account_id: `account_id` is also a parameter in path_params",
            "operations.edit.body.json.score: `score` is also a parameter in query",
        ],
    );
}

#[test]
fn auth_names_schemes_of_api_yaml() {
    let error = error_with(
        "    params_type: LogEditParams\n    auth: [api_token, api_key]",
        "    params_type: LogEditParams\n    auth: [api_tokn, api_key, api_key]",
    );
    assert_has(
        &error,
        &[
            "operations.edit.auth.0: no auth scheme `api_tokn` in api.yaml; known: api_token, api_key, user_service_key; did you mean `api_token`?",
            "operations.edit.auth.2: `api_key` is listed twice",
        ],
    );
}

#[test]
fn aliases_name_a_target_that_is_no_alias() {
    let error = error_with(
        "  LogResponseResponse:\n    doc: The response body the gateway logged, as the provider sent it (any JSON).\n    alias: json",
        "  LogResponseResponse:\n    doc: The response body the gateway logged, as the provider sent it (any JSON).\n    alias: {array: LogRequestResponse}",
    );
    assert_has(
        &error,
        &["types.LogResponseResponse.alias: `LogRequestResponse` is an alias itself; name its target instead"],
    );
    let error = error_with(
        "      search:\n        type: string",
        "      search:\n        type: LogRequestResponse",
    );
    assert_has(
        &error,
        &["operations.list.query.search: `LogRequestResponse` is an alias; a query parameter names its target type"],
    );
}

#[test]
fn a_null_setter_cannot_take_another_fields_name() {
    let error = error_with(
        EDIT_BODY,
        &format!("    query:\n      score_null: {{type: boolean, doc: x}}\n{EDIT_BODY}"),
    );
    assert_has(
        &error,
        &["operations.edit.body.json.score: its setter `score_null` is also the setter of query.score_null; give one a `rust_name:`"],
    );
}

/// The list operation's `gateway_id` path parameter, up to its doc.
const GATEWAY_ID: &str = "      gateway_id:\n        type: string\n        in: argument\n        min_length: 1\n        max_length: 64\n";

#[test]
fn path_parameters_are_strings_integers_or_string_enums() {
    for (ty, expected) in [
        (
            "type: string\n        format: date-time",
            "operations.list.path_params.gateway_id: a path parameter must be a string (formats: uuid, uri, email, hostname), an integer or a string enum",
        ),
        (
            "type: boolean",
            "operations.list.path_params.gateway_id: a path parameter must be a string",
        ),
        (
            "type: {array: string}",
            "operations.list.path_params.gateway_id: a path parameter must be a string",
        ),
        (
            "type: LogListParamsFilter",
            "operations.list.path_params.gateway_id: `LogListParamsFilter` is not a string enum",
        ),
    ] {
        let error = error_with(
            GATEWAY_ID,
            &format!("      gateway_id:\n        {ty}\n        in: argument\n"),
        );
        assert_has(&error, &[expected]);
    }
    // Accepted: a checked format, an integer with bounds, a string enum.
    for ty in [
        "type: string\n        format: uuid",
        "type: integer\n        minimum: 1",
        "type: LogListParamsDirection",
    ] {
        let mut texts = sdk_tests::schema_texts();
        let text = &mut texts.iter_mut().find(|(p, _)| p == LOGS).unwrap().1;
        *text = text.replacen(
            GATEWAY_ID,
            &format!("      gateway_id:\n        {ty}\n        in: argument\n"),
            1,
        );
        codegen::generate_texts(texts).unwrap_or_else(|e| panic!("{ty}: {e}"));
    }
}

#[test]
fn item_rules_need_an_array_of_scalars_and_are_checked_like_fields() {
    let filters = "        type: {array: LogListParamsFilter}\n        doc: Conditions the logs must all meet.";
    let with_items = |items: &str| {
        error_with(
            filters,
            &format!(
                "        type: {{array: string}}\n        items: {items}\n        doc: Conditions."
            ),
        )
    };
    assert_has(
        &with_items("{format: uuids}"),
        &["operations.list.query.filters.items.format: unknown format `uuids`; known: date-time, date, uuid, uri, uri-reference, uri-template, email, hostname, ipv4, ipv6; did you mean `uuid`?"],
    );
    assert_has(
        &with_items("{minimum: 1}"),
        &["operations.list.query.filters.items: minimum and maximum need type integer or number"],
    );
    assert_has(
        &with_items("{min_length: 5, max_length: 2}"),
        &["operations.list.query.filters.items: max_length 2 is below min_length 5"],
    );
    assert_has(
        &with_items("{pattern: \"(?=a)\"}"),
        &["operations.list.query.filters.items.pattern: \"(?=a)\" is not a regular expression regex-lite accepts"],
    );
    assert_has(
        &with_items("{colour: red}"),
        &["operations.list.query.filters.items.colour: unknown key `colour`; expected one of: format, minimum"],
    );
    let error = error_with(
        filters,
        "        type: {array: LogListParamsFilter}\n        items: {max_length: 3}\n        doc: Conditions.",
    );
    assert_has(
        &error,
        &["operations.list.query.filters.items: items needs an array of string, integer, number, arrays or maps"],
    );
    let error = error_with(
        "        type: boolean\n        doc: Only logs served (or not served) from the cache.",
        "        type: boolean\n        items: {max_length: 3}\n        doc: Only logs served (or not served) from the cache.",
    );
    assert_has(
        &error,
        &["operations.list.query.cached.items: items needs an array type"],
    );
    let error = error_with(
        filters,
        "        type: {array: integer}\n        items: {format: uuid}\n        doc: Conditions.",
    );
    assert_has(
        &error,
        &["operations.list.query.filters.items.format: format uuid needs type string"],
    );
}

#[test]
fn const_is_for_booleans_and_agrees_with_the_default() {
    let error = error_with(
        "        type: boolean\n        doc: Only logs served (or not served) from the cache.",
        "        type: string\n        const: true\n        doc: Only logs served (or not served) from the cache.",
    );
    assert_has(
        &error,
        &["operations.list.query.cached.const: const needs type boolean"],
    );
    let error = error_with(
        "        type: boolean\n        doc: Only logs served (or not served) from the cache.",
        "        type: boolean\n        const: true\n        default: false\n        doc: Only logs served (or not served) from the cache.",
    );
    assert_has(
        &error,
        &["operations.list.query.cached.default: default is not true, the only value const allows"],
    );
}

#[test]
fn a_union_takes_one_json_member_and_not_with_a_discriminator() {
    const MEMBERS: &str = "      - name: Bool\n        type: boolean\n";
    let error = error_with(
        MEMBERS,
        "      - name: Bool\n        type: boolean\n      - {name: Any, type: json}\n      - {name: Other, type: json}\n",
    );
    assert_has(
        &error,
        &["types.LogListParamsFiltersValue.union[4]: two json variants; the first already takes every value no member fits"],
    );
    let error = error_with(
        "    doc: One value of a filter.\n    union:\n      - name: String\n        type: string\n",
        "    doc: One value of a filter.\n    discriminator: kind\n    union:\n      - {name: Any, type: json}\n",
    );
    assert_has(
        &error,
        &["a union with a discriminator keeps untagged values in `Unknown`; it takes no json variant"],
    );
}

#[test]
fn any_of_values_member_and_body_rules_are_checked_like_fields() {
    let cached =
        "        type: boolean\n        doc: Only logs served (or not served) from the cache.";
    let filters =
        "        type: {array: LogListParamsFilter}\n        doc: Conditions the logs must all meet.";
    for (from, to, expected) in [
        (
            cached,
            "        type: boolean\n        any_of: [{}, {}]\n        doc: Cached.",
            "operations.list.query.cached.any_of: any_of needs type string, integer or number (without a format)",
        ),
        (
            filters,
            "        type: {array: LogListParamsFilter}\n        any_of: [{}, {}]\n        doc: Conditions.",
            "operations.list.query.filters.any_of: any_of needs type string, integer or number",
        ),
        (
            cached,
            "        type: string\n        any_of: [{max_length: 3}]\n        doc: Cached.",
            "operations.list.query.cached.any_of: any_of needs at least 2 rule sets",
        ),
        (
            cached,
            "        type: string\n        any_of: [{max_length: 3}, {minimum: 1}]\n        doc: Cached.",
            "operations.list.query.cached.any_of[1]: minimum and maximum need type integer or number",
        ),
        (
            cached,
            "        type: integer\n        any_of: [{minimum: 1}, {format: uuid}]\n        doc: Cached.",
            "operations.list.query.cached.any_of[1].format: format uuid needs type string",
        ),
        (
            cached,
            "        type: string\n        any_of: [{max_length: 3}, {any_of: [{}, {}]}]\n        doc: Cached.",
            "operations.list.query.cached.any_of[1]: any_of cannot hold another any_of",
        ),
        (
            cached,
            "        type: {array: string}\n        values: {max_length: 3}\n        doc: Cached.",
            "operations.list.query.cached.values: values needs a map type",
        ),
        (
            cached,
            "        type: {array: string}\n        items: {any_of: [{max_length: 3}, {colour: red}]}\n        doc: Cached.",
            "operations.list.query.cached.items.any_of[1].colour: unknown key `colour`",
        ),
        (
            "      - name: Bool\n        type: boolean\n",
            "      - name: Bool\n        type: boolean\n        min_length: 1\n",
            "types.LogListParamsFiltersValue.union[2]: min_length and max_length need type string",
        ),
        (
            "      - name: String\n        type: string\n",
            "      - name: String\n        type: string\n        format: uuids\n",
            "types.LogListParamsFiltersValue.union[0].format: unknown format `uuids`",
        ),
    ] {
        assert_has(&error_with(from, to), &[expected, "logs.yaml:"]);
    }
}
