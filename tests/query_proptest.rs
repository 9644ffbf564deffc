//! For arbitrary parameter sets, the query string decodes
//! (`application/x-www-form-urlencoded`) to exactly the pairs expected from
//! the values given, in wire-name order, each filter's pairs together.
//!
//! The expected pairs are built here independently of the SDK: strings as
//! given, floats with Rust's `Display`, date-times with `time`'s RFC 3339
//! formatter, and parameters ordered by sorting their wire names.
#![allow(deprecated)]

use cloudflare_api::ai_gateway::logs::{
    LogListParams, LogListParamsBuilder, LogListParamsFeedback, LogListParamsFilter,
    LogListParamsFiltersValue,
};
use proptest::prelude::*;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

const ACCOUNT: &str = "0d37909e38d3e99c29fa2cd343ac421a";

/// Short strings of arbitrary characters (controls, reserved ASCII, any
/// Unicode scalar), sometimes empty.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter),
        prop::collection::vec(
            prop::sample::select(vec![
                'a', 'Z', '0', ' ', '+', '&', '=', '%', '/', '?', '#', '*', '~', '.', '-', '_',
                'é', '日', '😀', '\n',
            ]),
            0..8
        )
        .prop_map(String::from_iter),
    ]
}

/// One of the known wire values, or any text.
fn enum_text(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(known).prop_map(str::to_owned),
        1 => text(),
    ]
}

/// Any finite float, with the awkward ones often.
fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::num::f64::ANY.prop_filter("finite", |f| f.is_finite()),
        prop::sample::select(vec![
            0.0,
            -0.0,
            0.1,
            0.000001,
            1e-7,
            1e21,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
        ]),
        (-1_000_000i64..1_000_000).prop_map(|i| i as f64),
    ]
}

/// A date-time in years 1..=9998 (so every offset keeps it within RFC 3339's
/// range) with an offset in whole minutes and a zero, millisecond or
/// nanosecond fraction.
fn date_time() -> impl Strategy<Value = OffsetDateTime> {
    let seconds = -62_135_596_800i64..253_370_764_800;
    let nanos = prop_oneof![
        Just(0u32),
        (0u32..1000).prop_map(|ms| ms * 1_000_000),
        0u32..1_000_000_000,
    ];
    let offset_minutes = prop_oneof![Just(0i32), -(23 * 60 + 59)..=(23 * 60 + 59)];
    (seconds, nanos, offset_minutes).prop_map(|(s, n, m)| {
        OffsetDateTime::from_unix_timestamp(s)
            .unwrap()
            .replace_nanosecond(n)
            .unwrap()
            .to_offset(UtcOffset::from_whole_seconds(m * 60).unwrap())
    })
}

#[derive(Debug, Clone)]
enum Value {
    Text(String),
    Number(f64),
    Bool(bool),
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        text().prop_map(Value::Text),
        finite().prop_map(Value::Number),
        any::<bool>().prop_map(Value::Bool),
    ]
}

const KEYS: &[&str] = &[
    "id",
    "created_at",
    "provider",
    "model",
    "cost",
    "success",
    "metadata.key",
    "metadata.value",
    "compatibilityMode",
];
const OPERATORS: &[&str] = &["eq", "neq", "contains", "lt", "gt"];

#[derive(Debug, Clone)]
struct Filter {
    key: String,
    operator: String,
    values: Vec<Value>,
}

fn filter() -> impl Strategy<Value = Filter> {
    (
        enum_text(KEYS),
        enum_text(OPERATORS),
        prop::collection::vec(value(), 0..4),
    )
        .prop_map(|(key, operator, values)| Filter {
            key,
            operator,
            values,
        })
}

/// Every parameter, each present or not.
#[derive(Debug, Clone)]
struct Input {
    cached: Option<bool>,
    direction: Option<String>,
    end_date: Option<OffsetDateTime>,
    feedback: Option<bool>,
    filters: Option<Vec<Filter>>,
    floats: [Option<f64>; 10],
    meta_info: Option<bool>,
    model: Option<String>,
    model_type: Option<String>,
    order_by: Option<String>,
    order_by_direction: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
    provider: Option<String>,
    request_content_type: Option<String>,
    response_content_type: Option<String>,
    search: Option<String>,
    start_date: Option<OffsetDateTime>,
    success: Option<bool>,
}

const FLOAT_NAMES: [&str; 10] = [
    "max_cost",
    "max_duration",
    "max_tokens_in",
    "max_tokens_out",
    "max_total_tokens",
    "min_cost",
    "min_duration",
    "min_tokens_in",
    "min_tokens_out",
    "min_total_tokens",
];

fn input() -> impl Strategy<Value = Input> {
    let flags = (
        prop::option::of(any::<bool>()),
        prop::option::of(enum_text(&["asc", "desc"])),
        prop::option::of(date_time()),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::collection::vec(filter(), 0..4)),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        prop::option::of(date_time()),
    );
    let floats = prop::array::uniform10(prop::option::of(finite()));
    let texts = (
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(enum_text(&[
            "created_at",
            "provider",
            "model",
            "model_type",
            "success",
            "cached",
        ])),
        prop::option::of(enum_text(&["asc", "desc"])),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(text()),
    );
    let numbers = (
        prop::option::of(prop_oneof![1i64..100, Just(i64::MAX)]),
        prop::option::of(1i64..=50),
    );
    (flags, floats, texts, numbers).prop_map(
        |(
            (cached, direction, end_date, feedback, filters, meta_info, success, start_date),
            floats,
            (model, model_type, order_by, order_by_direction, provider, req, resp, search),
            (page, per_page),
        )| Input {
            cached,
            direction,
            end_date,
            feedback,
            filters,
            floats,
            meta_info,
            model,
            model_type,
            order_by,
            order_by_direction,
            page,
            per_page,
            provider,
            request_content_type: req,
            response_content_type: resp,
            search,
            start_date,
            success,
        },
    )
}

fn feedback(one: bool) -> LogListParamsFeedback {
    if one {
        LogListParamsFeedback::V1
    } else {
        LogListParamsFeedback::V0
    }
}

/// The SDK's parameters, set in an order unrelated to the wire order.
fn params(input: &Input) -> LogListParams {
    let mut b: LogListParamsBuilder = LogListParams::builder(ACCOUNT);
    if let Some(v) = input.success {
        b = b.success(v);
    }
    if let Some(v) = &input.search {
        b = b.search(v.as_str());
    }
    if let Some(v) = input.per_page {
        b = b.per_page(v);
    }
    if let Some(v) = input.page {
        b = b.page(v);
    }
    if let Some(filters) = &input.filters {
        b = b.filters(filters.iter().map(|f| {
            LogListParamsFilter::new(
                f.key.as_str(),
                f.operator.as_str(),
                f.values.iter().map(|v| match v {
                    Value::Text(s) => LogListParamsFiltersValue::from(s.as_str()),
                    Value::Number(n) => LogListParamsFiltersValue::from(*n),
                    Value::Bool(b) => LogListParamsFiltersValue::from(*b),
                }),
            )
        }));
    }
    type Setter = fn(LogListParamsBuilder, f64) -> LogListParamsBuilder;
    let setters: [Setter; 10] = [
        LogListParamsBuilder::max_cost,
        LogListParamsBuilder::max_duration,
        LogListParamsBuilder::max_tokens_in,
        LogListParamsBuilder::max_tokens_out,
        LogListParamsBuilder::max_total_tokens,
        LogListParamsBuilder::min_cost,
        LogListParamsBuilder::min_duration,
        LogListParamsBuilder::min_tokens_in,
        LogListParamsBuilder::min_tokens_out,
        LogListParamsBuilder::min_total_tokens,
    ];
    for (set, value) in setters.iter().zip(input.floats).rev() {
        if let Some(v) = value {
            b = set(b, v);
        }
    }
    if let Some(v) = input.start_date {
        b = b.start_date(v);
    }
    if let Some(v) = input.end_date {
        b = b.end_date(v);
    }
    if let Some(v) = &input.response_content_type {
        b = b.response_content_type(v.as_str());
    }
    if let Some(v) = &input.request_content_type {
        b = b.request_content_type(v.as_str());
    }
    if let Some(v) = &input.provider {
        b = b.provider(v.as_str());
    }
    if let Some(v) = &input.order_by_direction {
        b = b.order_by_direction(v.as_str());
    }
    if let Some(v) = &input.order_by {
        b = b.order_by(v.as_str());
    }
    if let Some(v) = &input.model_type {
        b = b.model_type(v.as_str());
    }
    if let Some(v) = &input.model {
        b = b.model(v.as_str());
    }
    if let Some(v) = input.meta_info {
        b = b.meta_info(v);
    }
    if let Some(v) = input.feedback {
        b = b.feedback(feedback(v));
    }
    if let Some(v) = &input.direction {
        b = b.direction(v.as_str());
    }
    if let Some(v) = input.cached {
        b = b.cached(v);
    }
    b.build().expect("generated parameters are valid")
}

fn rfc3339(value: &OffsetDateTime) -> String {
    value.format(&Rfc3339).expect("years 1..=9998 format")
}

/// The pairs the query must decode to, built from the input alone.
fn expected(input: &Input) -> Vec<(String, String)> {
    // (parameter wire name, its pairs in element order)
    let mut groups: Vec<(&str, Vec<(String, String)>)> = Vec::new();
    let mut one = |name: &'static str, value: String| {
        groups.push((name, vec![(name.to_owned(), value)]));
    };
    let bool_text = |b: bool| b.to_string();
    if let Some(v) = input.cached {
        one("cached", bool_text(v));
    }
    if let Some(v) = &input.direction {
        one("direction", v.clone());
    }
    if let Some(v) = &input.end_date {
        one("end_date", rfc3339(v));
    }
    if let Some(v) = input.feedback {
        one("feedback", if v { "1" } else { "0" }.to_owned());
    }
    for (name, value) in FLOAT_NAMES.iter().zip(input.floats) {
        if let Some(v) = value {
            one(name, format!("{v}"));
        }
    }
    if let Some(v) = input.meta_info {
        one("meta_info", bool_text(v));
    }
    let texts = [
        ("model", &input.model),
        ("model_type", &input.model_type),
        ("order_by", &input.order_by),
        ("order_by_direction", &input.order_by_direction),
        ("provider", &input.provider),
        ("request_content_type", &input.request_content_type),
        ("response_content_type", &input.response_content_type),
        ("search", &input.search),
    ];
    for (name, value) in texts {
        if let Some(v) = value {
            one(name, v.clone());
        }
    }
    if let Some(v) = input.page {
        one("page", v.to_string());
    }
    if let Some(v) = input.per_page {
        one("per_page", v.to_string());
    }
    if let Some(v) = &input.start_date {
        one("start_date", rfc3339(v));
    }
    if let Some(v) = input.success {
        one("success", bool_text(v));
    }
    if let Some(filters) = &input.filters {
        let mut pairs = Vec::new();
        for f in filters {
            pairs.push(("filters.key".to_owned(), f.key.clone()));
            pairs.push(("filters.operator".to_owned(), f.operator.clone()));
            for v in &f.values {
                let text = match v {
                    Value::Text(s) => s.clone(),
                    Value::Number(n) => format!("{n}"),
                    Value::Bool(b) => b.to_string(),
                };
                pairs.push(("filters.value".to_owned(), text));
            }
        }
        groups.push(("filters", pairs));
    }
    // Parameters sorted by wire name; the sort is stable and names are unique.
    groups.sort_by(|a, b| a.0.cmp(b.0));
    groups.into_iter().flat_map(|(_, pairs)| pairs).collect()
}

/// Only unreserved bytes, `%XX` escapes with upper-case hex, `+`, `=` and `&`.
fn well_formed(query: &str) -> bool {
    let bytes = query.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |c: u8| c.is_ascii_digit() || (b'A'..=b'F').contains(&c);
            if i + 2 >= bytes.len() {
                return false;
            }
            if !(hex(bytes[i + 1]) && hex(bytes[i + 2])) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-_.~+=&".contains(&b)) {
            return false;
        }
        i += 1;
    }
    true
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn query_decodes_to_the_expected_pairs(input in input()) {
        let query = params(&input).to_query_string();
        let decoded: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        prop_assert_eq!(decoded, expected(&input), "query: {}", query);
        prop_assert!(well_formed(&query), "badly escaped: {}", query);
    }
}
