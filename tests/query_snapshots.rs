//! One snapshot of the query strings of a table of named parameter sets, read
//! by eye against conventions §3 when it was accepted.
#![allow(deprecated)]

use cloudflare_api::ai_gateway::logs::{
    LogListParams, LogListParamsBuilder, LogListParamsFeedback, LogListParamsFilter,
    LogListParamsFiltersValue as V,
};
use time::macros::datetime;

const ACCOUNT: &str = "0d37909e38d3e99c29fa2cd343ac421a";

fn b() -> LogListParamsBuilder {
    LogListParams::builder(ACCOUNT)
}

fn f(key: &str, operator: &str, values: impl IntoIterator<Item = V>) -> LogListParamsFilter {
    LogListParamsFilter::new(key, operator, values)
}

fn table() -> Vec<(&'static str, LogListParamsBuilder)> {
    vec![
        ("empty", b()),
        ("example_page_per_page", b().page(2).per_page(50)),
        (
            "example_one_filter",
            b().filters([f("provider", "eq", [V::from("openai")])]),
        ),
        (
            "example_two_filters",
            b().filters([
                f("cost", "gt", [V::from(0.5)]),
                f("success", "eq", [V::from(true)]),
            ]),
        ),
        (
            "every_parameter",
            b().cached(true)
                .direction("desc")
                .end_date(datetime!(2024-02-01 10:00:00.25 -03:00))
                .feedback(LogListParamsFeedback::V1)
                .filters([
                    f("provider", "eq", [V::from("openai")]),
                    f("cost", "lt", [V::from(2.5)]),
                ])
                .max_cost(10.0)
                .max_duration(2000.0)
                .max_tokens_in(4096.0)
                .max_tokens_out(1024.0)
                .max_total_tokens(5120.0)
                .meta_info(true)
                .min_cost(0.01)
                .min_duration(5.0)
                .min_tokens_in(1.0)
                .min_tokens_out(2.0)
                .min_total_tokens(3.0)
                .model("gpt-4o")
                .model_type("chat")
                .order_by("created_at")
                .order_by_direction("asc")
                .page(3)
                .per_page(25)
                .provider("openai")
                .request_content_type("application/json")
                .response_content_type("text/event-stream")
                .search("hello world")
                .start_date(datetime!(2019-12-27 18:11:19.117 UTC))
                .success(false),
        ),
        (
            "setters_in_reverse_order",
            b().success(true)
                .search("z")
                .per_page(5)
                .page(9)
                .meta_info(false)
                .filters([f("id", "eq", [V::from("abc")])])
                .cached(false),
        ),
        (
            "several_filters",
            b().filters([
                f("provider", "neq", [V::from("workers-ai")]),
                f("model", "contains", [V::from("llama")]),
                f("tokens_in", "gt", [V::from(100)]),
                f("cached", "eq", [V::from(false)]),
                f("created_at", "lt", [V::from("2024-01-01T00:00:00Z")]),
            ]),
        ),
        (
            "multi_value_filters",
            b().filters([
                f(
                    "model",
                    "eq",
                    [V::from("gpt-4o"), V::from("gpt-4o-mini"), V::from("o1")],
                ),
                f("status_code", "eq", [V::from(200), V::from(201)]),
                f(
                    "metadata.value",
                    "eq",
                    [V::from("x"), V::from(1.5), V::from(true)],
                ),
            ]),
        ),
        (
            "filter_without_values",
            b().filters([f("id", "eq", Vec::new())]),
        ),
        (
            "zero_values",
            b().cached(false)
                .meta_info(false)
                .min_cost(0.0)
                .search("")
                .model("")
                .filters([f("id", "eq", [V::from(""), V::from(0), V::from(false)])]),
        ),
        ("unicode_search", b().search("café 日本 😀 naïve")),
        ("reserved_characters", b().search("a&b=c+d/e?f#g*h~i%j")),
        (
            "punctuation_and_controls",
            b().search("!\"$'(),:;<>@[\\]^`{|}\t\n"),
        ),
        (
            "escaped_filter_parts",
            b().filters([f(
                "metadata.key",
                "contains",
                [V::from("user id"), V::from("a&b"), V::from("é=1")],
            )]),
        ),
        (
            "extreme_floats",
            b().max_cost(1e21)
                .max_duration(f64::MAX)
                .max_tokens_in(1e-7)
                .max_tokens_out(-0.0)
                .max_total_tokens(0.1 + 0.2)
                .min_cost(0.000001)
                .min_duration(5e-324)
                .min_tokens_in(-1e16)
                .min_tokens_out(123456789.125)
                .min_total_tokens(f64::MIN_POSITIVE),
        ),
        (
            "extreme_filter_numbers",
            b().filters([f(
                "cost",
                "gt",
                [
                    V::from(1e21),
                    V::from(1e-7),
                    V::from(-0.0),
                    V::from(i32::MIN),
                    V::from(i32::MAX),
                ],
            )]),
        ),
        (
            "date_utc_with_fraction",
            b().start_date(datetime!(2019-12-27 18:11:19.117 UTC)),
        ),
        (
            "date_utc_without_fraction",
            b().start_date(datetime!(2019-12-27 18:11:19 UTC)),
        ),
        (
            "date_positive_offset",
            b().start_date(datetime!(2019-12-27 18:11:19 +05:30)),
        ),
        (
            "date_negative_offset_nanoseconds",
            b().end_date(datetime!(2019-12-27 18:11:19.123456789 -08:00)),
        ),
        (
            "date_range_mixed",
            b().start_date(datetime!(2024-01-01 00:00:00.5 +01:00))
                .end_date(datetime!(2024-12-31 23:59:59.999 UTC)),
        ),
        (
            "deprecated_parameters",
            b().cached(true)
                .direction("asc")
                .feedback(LogListParamsFeedback::V0)
                .model("claude-3")
                .model_type("messages")
                .provider("anthropic")
                .request_content_type("application/json")
                .response_content_type("application/json; charset=utf-8")
                .success(true),
        ),
        (
            "unknown_enum_values",
            b().order_by("tokens_in")
                .order_by_direction("random")
                .direction("sideways")
                .feedback("2".parse::<LogListParamsFeedback>().unwrap())
                .filters([f("brand_new_key", "startswith", [V::from("x")])]),
        ),
        (
            "unknown_enum_values_with_reserved_characters",
            b().order_by("a b&c")
                .filters([f("k=1", "op/2", [V::from("v")])]),
        ),
        ("bounds", b().page(i64::MAX).per_page(1)),
        (
            "feedback_number_enum",
            b().feedback(LogListParamsFeedback::V1).meta_info(true),
        ),
    ]
}

#[test]
fn query_strings() {
    let table = table();
    assert!(table.len() >= 20);
    let mut names: Vec<&str> = table.iter().map(|(name, _)| *name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), table.len(), "names must be unique");

    let mut text = String::new();
    for (name, params) in table {
        let params = params
            .build()
            .unwrap_or_else(|e| panic!("{name}: invalid parameters: {e}"));
        text.push_str(name);
        text.push_str(": ");
        text.push_str(&params.to_query_string());
        text.push('\n');
    }
    insta::assert_snapshot!(text);
}
