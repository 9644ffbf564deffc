//! The query string of List Gateway Logs, rule by rule (conventions §3, the
//! "this project" column): omission, zero values, filters, order, booleans,
//! numbers, date-times, escaping and unknown enum values; plus the JSON
//! (wire-name) form of the parameters.
#![allow(deprecated)]

use cloudflare_api::ai_gateway::logs::{
    LogListParams, LogListParamsBuilder, LogListParamsDirection, LogListParamsFeedback,
    LogListParamsFilter, LogListParamsFiltersKey, LogListParamsFiltersOperator,
    LogListParamsFiltersValue, LogListParamsOrderBy, LogListParamsOrderByDirection,
};
use time::macros::datetime;

const ACCOUNT: &str = "0d37909e38d3e99c29fa2cd343ac421a";

fn builder() -> LogListParamsBuilder {
    LogListParams::builder(ACCOUNT)
}

fn query(builder: LogListParamsBuilder) -> String {
    builder
        .build()
        .expect("parameters are valid")
        .to_query_string()
}

fn filter<V: Into<LogListParamsFiltersValue>>(
    key: &str,
    operator: &str,
    values: impl IntoIterator<Item = V>,
) -> LogListParamsFilter {
    LogListParamsFilter::new(key, operator, values)
}

fn search(text: &str) -> String {
    query(builder().search(text))
}

// ---------------------------------------------------------------- omission

#[test]
fn no_parameter_set_gives_empty_query() {
    assert_eq!(query(builder()), "");
}

#[test]
fn unset_parameters_are_omitted() {
    let q = query(builder().page(3));
    assert_eq!(q, "page=3");
    for absent in [
        "per_page",
        "filters",
        "search",
        "cached",
        "order_by",
        "start_date",
    ] {
        assert!(!q.contains(absent), "{absent} leaked into {q}");
    }
}

#[test]
fn account_id_is_a_path_parameter_not_a_query_one() {
    assert!(!query(builder().per_page(5)).contains("account_id"));
}

#[test]
fn empty_filters_list_writes_nothing() {
    assert_eq!(
        query(builder().filters(Vec::<LogListParamsFilter>::new())),
        ""
    );
}

// ---------------------------------------------------------------- zero values

#[test]
fn empty_search_is_sent() {
    assert_eq!(search(""), "search=");
}

#[test]
fn false_booleans_are_sent() {
    assert_eq!(
        query(builder().cached(false).meta_info(false).success(false)),
        "cached=false&meta_info=false&success=false"
    );
}

#[test]
fn zero_numbers_are_sent() {
    assert_eq!(
        query(builder().min_cost(0.0).max_tokens_in(0.0)),
        "max_tokens_in=0&min_cost=0"
    );
}

#[test]
fn empty_strings_are_sent_for_every_string_parameter() {
    assert_eq!(
        query(
            builder()
                .model("")
                .model_type("")
                .provider("")
                .request_content_type("")
                .response_content_type("")
        ),
        "model=&model_type=&provider=&request_content_type=&response_content_type="
    );
}

#[test]
fn empty_and_zero_filter_values_are_sent() {
    assert_eq!(
        query(builder().filters([LogListParamsFilter::new(
            "model",
            "eq",
            [
                LogListParamsFiltersValue::from(""),
                LogListParamsFiltersValue::from(0),
                LogListParamsFiltersValue::from(false),
            ],
        )])),
        "filters.key=model&filters.operator=eq&filters.value=&filters.value=0&filters.value=false"
    );
}

#[test]
fn filter_without_values_sends_key_and_operator() {
    assert_eq!(
        query(builder().filters([filter("model", "eq", Vec::<&str>::new())])),
        "filters.key=model&filters.operator=eq"
    );
}

// ---------------------------------------------------------------- filters

#[test]
fn one_filter_uses_dotted_keys() {
    assert_eq!(
        query(builder().filters([filter("provider", "eq", ["openai"])])),
        "filters.key=provider&filters.operator=eq&filters.value=openai"
    );
}

#[test]
fn several_filters_keep_each_filter_together() {
    let q = query(builder().filters([
        filter("provider", "neq", ["openai"]),
        filter("cost", "lt", [2.5]),
        filter("cached", "eq", [true]),
    ]));
    assert_eq!(
        q,
        "filters.key=provider&filters.operator=neq&filters.value=openai\
         &filters.key=cost&filters.operator=lt&filters.value=2.5\
         &filters.key=cached&filters.operator=eq&filters.value=true"
    );
}

#[test]
fn multi_value_filter_repeats_filters_value_in_order() {
    assert_eq!(
        query(builder().filters([filter("model", "eq", ["gpt-4o", "gpt-4", "claude"])])),
        "filters.key=model&filters.operator=eq\
         &filters.value=gpt-4o&filters.value=gpt-4&filters.value=claude"
    );
}

#[test]
fn mixed_value_types_in_one_filter() {
    assert_eq!(
        query(builder().filters([LogListParamsFilter::new(
            "metadata.value",
            "eq",
            [
                LogListParamsFiltersValue::from("x"),
                LogListParamsFiltersValue::from(7),
                LogListParamsFiltersValue::from(-1.25),
                LogListParamsFiltersValue::from(true),
            ],
        )])),
        "filters.key=metadata.value&filters.operator=eq\
         &filters.value=x&filters.value=7&filters.value=-1.25&filters.value=true"
    );
}

#[test]
fn every_known_filter_key_and_operator_is_written_as_its_wire_name() {
    let keys = [
        "id",
        "created_at",
        "request_content_type",
        "response_content_type",
        "request_type",
        "success",
        "cached",
        "provider",
        "model",
        "model_type",
        "cost",
        "tokens",
        "tokens_in",
        "tokens_out",
        "duration",
        "feedback",
        "event_id",
        "metadata.key",
        "metadata.value",
        "authentication",
        "wholesale",
        "compatibilityMode",
        "dlp_action",
    ];
    for key in keys {
        let parsed = LogListParamsFiltersKey::from(key);
        assert!(
            !matches!(parsed, LogListParamsFiltersKey::Unknown(_)),
            "{key} should be a known key"
        );
        for operator in ["eq", "neq", "contains", "lt", "gt"] {
            let op = LogListParamsFiltersOperator::from(operator);
            assert!(!matches!(op, LogListParamsFiltersOperator::Unknown(_)));
            let expected = format!("filters.key={key}&filters.operator={operator}&filters.value=1");
            assert_eq!(
                query(builder().filters([LogListParamsFilter::new(parsed.clone(), op, [1])])),
                expected
            );
        }
    }
}

#[test]
fn filter_values_are_escaped() {
    assert_eq!(
        query(builder().filters([filter("metadata.key", "contains", ["a b&c=d"])])),
        "filters.key=metadata.key&filters.operator=contains&filters.value=a+b%26c%3Dd"
    );
}

// ---------------------------------------------------------------- order

#[test]
fn parameters_come_in_wire_name_order_whatever_the_setter_order() {
    let forwards = builder()
        .cached(true)
        .filters([filter("provider", "eq", ["openai"])])
        .meta_info(true)
        .order_by("created_at")
        .page(2)
        .per_page(10)
        .search("x")
        .success(true);
    let backwards = builder()
        .success(true)
        .search("x")
        .per_page(10)
        .page(2)
        .order_by("created_at")
        .meta_info(true)
        .filters([filter("provider", "eq", ["openai"])])
        .cached(true);
    let expected = "cached=true\
        &filters.key=provider&filters.operator=eq&filters.value=openai\
        &meta_info=true&order_by=created_at&page=2&per_page=10&search=x&success=true";
    assert_eq!(query(forwards), expected);
    assert_eq!(query(backwards), expected);
}

#[test]
fn every_parameter_at_once_in_wire_name_order() {
    let params = builder()
        .success(true)
        .start_date(datetime!(2024-01-01 00:00:00 UTC))
        .search("s")
        .response_content_type("application/json")
        .request_content_type("text/plain")
        .provider("openai")
        .per_page(50)
        .page(1)
        .order_by_direction("desc")
        .order_by("cost")
        .model_type("chat")
        .model("gpt")
        .min_total_tokens(1.0)
        .min_tokens_out(2.0)
        .min_tokens_in(3.0)
        .min_duration(4.0)
        .min_cost(5.0)
        .meta_info(false)
        .max_total_tokens(6.0)
        .max_tokens_out(7.0)
        .max_tokens_in(8.0)
        .max_duration(9.0)
        .max_cost(10.5)
        .filters([filter("id", "eq", ["a"])])
        .feedback(LogListParamsFeedback::V0)
        .end_date(datetime!(2024-02-01 00:00:00 UTC))
        .direction("asc")
        .cached(false);
    let q = query(params);
    assert_eq!(
        q,
        "cached=false&direction=asc&end_date=2024-02-01T00%3A00%3A00Z&feedback=0\
         &filters.key=id&filters.operator=eq&filters.value=a\
         &max_cost=10.5&max_duration=9&max_tokens_in=8&max_tokens_out=7&max_total_tokens=6\
         &meta_info=false&min_cost=5&min_duration=4&min_tokens_in=3&min_tokens_out=2\
         &min_total_tokens=1&model=gpt&model_type=chat&order_by=cost&order_by_direction=desc\
         &page=1&per_page=50&provider=openai&request_content_type=text%2Fplain\
         &response_content_type=application%2Fjson&search=s\
         &start_date=2024-01-01T00%3A00%3A00Z&success=true"
    );
    // The parameter names appear sorted (each filter's pairs stay together).
    let names: Vec<&str> = q
        .split('&')
        .map(|pair| pair.split('=').next().unwrap())
        .map(|key| key.split('.').next().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn setting_a_parameter_twice_keeps_the_last_value() {
    assert_eq!(query(builder().page(1).page(4)), "page=4");
}

// ---------------------------------------------------------------- scalars

#[test]
fn booleans_are_true_and_false() {
    assert_eq!(
        query(builder().meta_info(true).cached(false)),
        "cached=false&meta_info=true"
    );
    assert_eq!(
        query(builder().filters([filter("success", "eq", [true, false])])),
        "filters.key=success&filters.operator=eq&filters.value=true&filters.value=false"
    );
}

#[test]
fn integers_are_plain_decimal() {
    assert_eq!(query(builder().page(2).per_page(50)), "page=2&per_page=50");
    assert_eq!(query(builder().page(1).per_page(1)), "page=1&per_page=1");
    assert_eq!(query(builder().page(i64::MAX)), "page=9223372036854775807");
    assert_eq!(
        query(builder().filters([filter("tokens", "gt", [1_000_000])])),
        "filters.key=tokens&filters.operator=gt&filters.value=1000000"
    );
}

fn float_text(value: f64) -> String {
    let q = query(builder().min_cost(value));
    q.strip_prefix("min_cost=")
        .expect("min_cost pair")
        .to_owned()
}

fn filter_float_text(value: f64) -> String {
    let q = query(builder().filters([filter("cost", "gt", [value])]));
    q.strip_prefix("filters.key=cost&filters.operator=gt&filters.value=")
        .expect("one filter")
        .to_owned()
}

#[test]
fn floats_are_shortest_round_trip_without_exponent() {
    let cases: [(f64, &str); 14] = [
        (0.000001, "0.000001"),
        (1e21, "1000000000000000000000"),
        (-0.0, "-0"),
        (0.0, "0"),
        (0.1, "0.1"),
        (1e-7, "0.0000001"),
        (0.5, "0.5"),
        (1.0, "1"),
        (-2.5, "-2.5"),
        (123456789.125, "123456789.125"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e15, "1000000000000000"),
        (5e-324, &format!("0.{}5", "0".repeat(323))),
        (f64::MAX, &format!("17976931348623157{}", "0".repeat(292))),
    ];
    for (value, expected) in cases {
        assert_eq!(float_text(value), expected, "min_cost {value:e}");
        assert_eq!(filter_float_text(value), expected, "filter value {value:e}");
        // It reads back as the same number.
        assert_eq!(expected.parse::<f64>().unwrap().to_bits(), value.to_bits());
        assert!(!expected.contains(['e', 'E', '+']));
    }
}

#[test]
fn every_float_parameter_uses_the_same_form() {
    assert_eq!(
        query(
            builder()
                .max_cost(1e21)
                .max_duration(1e-7)
                .max_tokens_in(-0.0)
                .max_tokens_out(0.1)
                .max_total_tokens(0.000001)
                .min_cost(2.0)
                .min_duration(3.5)
                .min_tokens_in(1e16)
                .min_tokens_out(-1e-5)
                .min_total_tokens(42.0)
        ),
        "max_cost=1000000000000000000000&max_duration=0.0000001&max_tokens_in=-0\
         &max_tokens_out=0.1&max_total_tokens=0.000001&min_cost=2&min_duration=3.5\
         &min_tokens_in=10000000000000000&min_tokens_out=-0.00001&min_total_tokens=42"
    );
}

#[test]
fn number_enum_feedback_is_the_number() {
    assert_eq!(
        query(builder().feedback(LogListParamsFeedback::V1)),
        "feedback=1"
    );
    assert_eq!(
        query(builder().feedback(LogListParamsFeedback::V0)),
        "feedback=0"
    );
    let parsed: LogListParamsFeedback = "1".parse().unwrap();
    assert_eq!(parsed, LogListParamsFeedback::V1);
    assert_eq!(query(builder().feedback(parsed)), "feedback=1");
    // 1.0 is the known value 1, and is written as such.
    let one_point_zero: LogListParamsFeedback = "1.0".parse().unwrap();
    assert_eq!(one_point_zero, LogListParamsFeedback::V1);
    assert_eq!(query(builder().feedback(one_point_zero)), "feedback=1");
}

// ---------------------------------------------------------------- date-times

fn start_date_text(value: time::OffsetDateTime) -> String {
    let q = query(builder().start_date(value));
    q.strip_prefix("start_date=")
        .expect("start_date pair")
        .to_owned()
}

#[test]
fn date_time_keeps_a_non_zero_fraction_with_z_for_utc() {
    assert_eq!(
        start_date_text(datetime!(2019-12-27 18:11:19.117 UTC)),
        "2019-12-27T18%3A11%3A19.117Z"
    );
}

#[test]
fn date_time_drops_a_zero_fraction() {
    assert_eq!(
        start_date_text(datetime!(2019-12-27 18:11:19 UTC)),
        "2019-12-27T18%3A11%3A19Z"
    );
}

#[test]
fn date_time_keeps_its_own_positive_offset() {
    // `+` must be escaped, or the server reads it as a space.
    assert_eq!(
        start_date_text(datetime!(2019-12-27 18:11:19 +05:30)),
        "2019-12-27T18%3A11%3A19%2B05%3A30"
    );
}

#[test]
fn date_time_keeps_its_own_negative_offset() {
    assert_eq!(
        start_date_text(datetime!(2019-12-27 18:11:19.5 -08:00)),
        "2019-12-27T18%3A11%3A19.5-08%3A00"
    );
}

#[test]
fn date_time_keeps_a_nine_digit_fraction() {
    assert_eq!(
        start_date_text(datetime!(2019-12-27 18:11:19.123456789 UTC)),
        "2019-12-27T18%3A11%3A19.123456789Z"
    );
    assert_eq!(
        start_date_text(datetime!(2019-12-27 18:11:19.000000001 UTC)),
        "2019-12-27T18%3A11%3A19.000000001Z"
    );
}

#[test]
fn date_time_fraction_has_no_trailing_zeros() {
    assert_eq!(
        start_date_text(datetime!(2019-12-27 18:11:19.120 UTC)),
        "2019-12-27T18%3A11%3A19.12Z"
    );
}

#[test]
fn date_time_zero_offset_is_z() {
    assert_eq!(
        start_date_text(datetime!(2019-12-27 18:11:19 +00:00)),
        "2019-12-27T18%3A11%3A19Z"
    );
}

#[test]
fn date_time_decodes_back_to_the_same_instant_and_offset() {
    let value = datetime!(2019-12-27 18:11:19.117 +05:30);
    let q = query(builder().start_date(value).end_date(value));
    let pairs: Vec<(String, String)> = form_urlencoded::parse(q.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(pairs.len(), 2);
    for (key, text) in pairs {
        let back =
            time::OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339)
                .unwrap_or_else(|e| panic!("{key}={text:?} is not RFC 3339: {e}"));
        assert_eq!(back, value);
        assert_eq!(back.offset(), value.offset());
    }
}

#[test]
fn date_time_that_rfc3339_cannot_express_is_refused_or_sent_as_rfc3339() {
    let odd = [
        datetime!(2019-12-27 18:11:19 +05:30:15),
        datetime!(-0001-01-01 00:00:00 UTC),
    ];
    for value in odd {
        match builder().start_date(value).build() {
            Err(err) => assert_eq!(err.param, "start_date"),
            Ok(params) => {
                let q = params.to_query_string();
                let text = form_urlencoded::parse(q.as_bytes()).next().unwrap().1;
                let parsed = time::OffsetDateTime::parse(
                    &text,
                    &time::format_description::well_known::Rfc3339,
                );
                assert!(parsed.is_ok(), "{value} sent as {q}");
            }
        }
    }
}

#[test]
fn end_date_uses_the_same_form() {
    assert_eq!(
        query(builder().end_date(datetime!(2019-12-27 18:11:19.117 UTC))),
        "end_date=2019-12-27T18%3A11%3A19.117Z"
    );
}

// ---------------------------------------------------------------- escaping

#[test]
fn unreserved_characters_are_kept() {
    assert_eq!(search("AZaz09-_.~"), "search=AZaz09-_.~");
}

#[test]
fn space_is_plus() {
    assert_eq!(search("a b  c"), "search=a+b++c");
}

#[test]
fn reserved_characters_are_percent_encoded() {
    let cases = [
        ("*", "%2A"),
        ("~", "~"),
        ("&", "%26"),
        ("=", "%3D"),
        ("+", "%2B"),
        ("/", "%2F"),
        ("?", "%3F"),
        ("#", "%23"),
        ("%", "%25"),
        (":", "%3A"),
        (";", "%3B"),
        (",", "%2C"),
        ("!", "%21"),
        ("'", "%27"),
        ("(", "%28"),
        (")", "%29"),
        ("[", "%5B"),
        ("]", "%5D"),
        ("@", "%40"),
        ("$", "%24"),
        ("\"", "%22"),
        ("<", "%3C"),
        (">", "%3E"),
        ("\\", "%5C"),
        ("^", "%5E"),
        ("`", "%60"),
        ("{", "%7B"),
        ("|", "%7C"),
        ("}", "%7D"),
        ("\n", "%0A"),
        ("\t", "%09"),
        ("\0", "%00"),
        ("\u{7f}", "%7F"),
    ];
    for (raw, encoded) in cases {
        assert_eq!(search(raw), format!("search={encoded}"), "{raw:?}");
    }
}

#[test]
fn every_ascii_byte_outside_the_unreserved_set_is_encoded() {
    for byte in 0u8..0x80 {
        let c = char::from(byte);
        let expected = if c.is_ascii_alphanumeric() || "-_.~".contains(c) {
            c.to_string()
        } else if c == ' ' {
            "+".to_owned()
        } else {
            format!("%{byte:02X}")
        };
        assert_eq!(
            search(&c.to_string()),
            format!("search={expected}"),
            "byte {byte:#04x}"
        );
    }
}

#[test]
fn unicode_is_utf8_percent_encoded() {
    assert_eq!(search("é"), "search=%C3%A9");
    assert_eq!(search("日本"), "search=%E6%97%A5%E6%9C%AC");
    assert_eq!(search("😀"), "search=%F0%9F%98%80");
    assert_eq!(search("café au lait"), "search=caf%C3%A9+au+lait");
}

#[test]
fn mixed_text_escapes_only_what_it_must() {
    assert_eq!(
        search("a+b=c&d/e?f#g*h~i é"),
        "search=a%2Bb%3Dc%26d%2Fe%3Ff%23g%2Ah~i+%C3%A9"
    );
}

#[test]
fn escaped_values_decode_back_unchanged() {
    let text = "q=1&r=2 + 3/4?#*~é\u{1F600}%";
    let q = search(text);
    let pairs: Vec<(String, String)> = form_urlencoded::parse(q.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(pairs, vec![("search".to_owned(), text.to_owned())]);
}

// ---------------------------------------------------------------- unknown enum values

#[test]
fn unknown_string_enum_values_are_written_back_unchanged() {
    let params = builder()
        .order_by("tokens_in")
        .order_by_direction("sideways")
        .direction("up")
        .filters([filter("brand_new_key", "startswith", ["x"])]);
    let built = params.clone().build().unwrap();
    assert_eq!(
        built.order_by(),
        Some(&LogListParamsOrderBy::Unknown("tokens_in".to_owned()))
    );
    assert_eq!(
        built.order_by_direction(),
        Some(&LogListParamsOrderByDirection::Unknown(
            "sideways".to_owned()
        ))
    );
    assert_eq!(
        built.direction(),
        Some(&LogListParamsDirection::Unknown("up".to_owned()))
    );
    assert_eq!(
        built.filters().unwrap()[0].key,
        LogListParamsFiltersKey::Unknown("brand_new_key".to_owned())
    );
    assert_eq!(
        built.filters().unwrap()[0].operator,
        LogListParamsFiltersOperator::Unknown("startswith".to_owned())
    );
    assert_eq!(
        query(params),
        "direction=up&filters.key=brand_new_key&filters.operator=startswith&filters.value=x\
         &order_by=tokens_in&order_by_direction=sideways"
    );
}

#[test]
fn unknown_enum_values_are_escaped_like_any_text() {
    assert_eq!(query(builder().order_by("a b&c")), "order_by=a+b%26c");
    assert_eq!(
        query(builder().filters([filter("metadata.é", "eq", ["v"])])),
        "filters.key=metadata.%C3%A9&filters.operator=eq&filters.value=v"
    );
}

#[test]
fn unknown_number_enum_values_are_written_back_unchanged() {
    let two: LogListParamsFeedback = "2".parse().unwrap();
    assert!(matches!(two, LogListParamsFeedback::Unknown(_)));
    assert_eq!(query(builder().feedback(two)), "feedback=2");
    let half: LogListParamsFeedback = "0.5".parse().unwrap();
    assert!(matches!(half, LogListParamsFeedback::Unknown(_)));
    assert_eq!(query(builder().feedback(half)), "feedback=0.5");
    let minus: LogListParamsFeedback = "-1".parse().unwrap();
    assert_eq!(query(builder().feedback(minus)), "feedback=-1");
}

#[test]
fn unknown_number_enum_values_never_use_an_exponent() {
    // Numbers on the wire never carry an exponent (§3), unknown enum
    // numbers included.
    let tiny: LogListParamsFeedback = "0.0000001".parse().unwrap();
    assert_eq!(query(builder().feedback(tiny)), "feedback=0.0000001");
    let huge: LogListParamsFeedback = "1e21".parse().unwrap();
    assert_eq!(
        query(builder().feedback(huge)),
        "feedback=1000000000000000000000"
    );
}

// ---------------------------------------------------------------- worked examples

#[test]
fn worked_example_page_and_per_page() {
    let params = builder().page(2).per_page(50).build().unwrap();
    assert_eq!(params.to_query_string(), "page=2&per_page=50");
    assert_eq!(
        params.request_path("my-gateway").unwrap(),
        "accounts/0d37909e38d3e99c29fa2cd343ac421a/ai-gateway/gateways/my-gateway/logs"
    );
}

#[test]
fn worked_example_one_filter() {
    assert_eq!(
        query(builder().filters([filter("provider", "eq", ["openai"])])),
        "filters.key=provider&filters.operator=eq&filters.value=openai"
    );
}

#[test]
fn worked_example_two_filters() {
    assert_eq!(
        query(builder().filters([
            LogListParamsFilter::new("cost", "gt", [0.5]),
            LogListParamsFilter::new("success", "eq", [true]),
        ])),
        "filters.key=cost&filters.operator=gt&filters.value=0.5\
         &filters.key=success&filters.operator=eq&filters.value=true"
    );
}

// ---------------------------------------------------------------- JSON (wire names)

const ISSUE_JSON: &str = r#"{
    "account_id": "0d37909e38d3e99c29fa2cd343ac421a",
    "per_page": 50,
    "filters": [{"key": "provider", "operator": "eq", "value": ["openai"]}],
    "start_date": "2019-12-27T18:11:19.117Z",
    "feedback": 1
}"#;

#[test]
fn json_with_wire_names_gives_the_same_params_as_the_builder() {
    let from_json: LogListParams = serde_json::from_str(ISSUE_JSON).unwrap();
    let from_builder = builder()
        .per_page(50)
        .filters([filter("provider", "eq", ["openai"])])
        .start_date(datetime!(2019-12-27 18:11:19.117 UTC))
        .feedback(LogListParamsFeedback::V1)
        .build()
        .unwrap();
    assert_eq!(from_json, from_builder);
    assert_eq!(from_json.to_query_string(), from_builder.to_query_string());
    assert_eq!(
        from_json.to_query_string(),
        "feedback=1&filters.key=provider&filters.operator=eq&filters.value=openai\
         &per_page=50&start_date=2019-12-27T18%3A11%3A19.117Z"
    );
}

fn json_error(json: &str) -> String {
    serde_json::from_str::<LogListParams>(json)
        .expect_err("the JSON must be refused")
        .to_string()
}

#[test]
fn json_per_page_above_maximum_is_refused_naming_param_and_bound() {
    let message = json_error(r#"{"account_id": "a", "per_page": 51}"#);
    assert!(message.contains("per_page"), "{message}");
    assert!(message.contains("51"), "{message}");
    assert!(message.contains("maximum 50"), "{message}");
}

#[test]
fn json_page_zero_is_refused_naming_param_and_bound() {
    let message = json_error(r#"{"account_id": "a", "page": 0}"#);
    assert!(message.contains("page"), "{message}");
    assert!(message.contains("minimum 1"), "{message}");
}

#[test]
fn json_per_page_zero_is_refused() {
    let message = json_error(r#"{"account_id": "a", "per_page": 0}"#);
    assert!(
        message.contains("per_page") && message.contains("minimum 1"),
        "{message}"
    );
}

#[test]
fn json_unknown_keys_are_refused() {
    let message = json_error(r#"{"account_id": "a", "perpage": 5}"#);
    assert!(message.contains("perpage"), "{message}");
    let message = json_error(
        r#"{"account_id": "a", "filters": [{"key": "id", "operator": "eq", "value": [], "extra": 1}]}"#,
    );
    assert!(message.contains("extra"), "{message}");
}

#[test]
fn json_without_account_id_is_refused() {
    let message = json_error(r#"{"page": 1}"#);
    assert!(message.contains("account_id"), "{message}");
}

#[test]
fn json_with_rust_field_names_that_differ_from_wire_names_is_refused() {
    // Only wire names are accepted; a camelCase spelling is an unknown key.
    let message = json_error(r#"{"account_id": "a", "perPage": 5}"#);
    assert!(message.contains("perPage"), "{message}");
}

#[test]
fn json_bad_date_time_is_refused() {
    let message = json_error(r#"{"account_id": "a", "start_date": "2019-12-27 18:11"}"#);
    assert!(message.contains("date-time"), "{message}");
}

#[test]
fn json_out_of_range_filter_number_is_refused() {
    // JSON has no NaN or infinity; a literal too large for f64 is an error,
    // never an infinite filter value.
    let message = json_error(
        r#"{"account_id": "a", "filters": [{"key": "cost", "operator": "gt", "value": [1e400]}]}"#,
    );
    assert!(message.contains("out of range"), "{message}");
}

fn everything() -> LogListParams {
    builder()
        .cached(true)
        .direction("desc")
        .end_date(datetime!(2024-02-01 10:00:00.25 -03:00))
        .feedback(LogListParamsFeedback::V0)
        .filters([
            filter("provider", "eq", ["openai", "anthropic"]),
            LogListParamsFilter::new(
                "cost",
                "gt",
                [
                    LogListParamsFiltersValue::from(0.5),
                    LogListParamsFiltersValue::from(3),
                ],
            ),
            filter("success", "eq", [false]),
            filter("weird_key", "weird_op", ["é & ="]),
        ])
        .max_cost(1e21)
        .max_duration(1000.0)
        .max_tokens_in(1e-7)
        .max_tokens_out(-0.0)
        .max_total_tokens(0.1)
        .meta_info(false)
        .min_cost(0.000001)
        .min_duration(1.0)
        .min_tokens_in(2.0)
        .min_tokens_out(3.0)
        .min_total_tokens(4.0)
        .model("gpt-4o")
        .model_type("chat")
        .order_by("created_at")
        .order_by_direction("asc")
        .page(3)
        .per_page(25)
        .provider("openai")
        .request_content_type("application/json")
        .response_content_type("text/event-stream")
        .search("")
        .start_date(datetime!(2019-12-27 18:11:19.117 UTC))
        .success(true)
        .build()
        .unwrap()
}

#[test]
fn serialize_then_deserialize_round_trips() {
    for params in [
        everything(),
        builder().build().unwrap(),
        builder()
            .feedback("7.5".parse::<LogListParamsFeedback>().unwrap())
            .start_date(datetime!(2019-12-27 18:11:19.123456789 +05:30))
            .build()
            .unwrap(),
    ] {
        let json = serde_json::to_string(&params).unwrap();
        let back: LogListParams = serde_json::from_str(&json).unwrap();
        assert_eq!(back, params, "{json}");
        assert_eq!(back.to_query_string(), params.to_query_string(), "{json}");
    }
}

#[test]
fn serialize_uses_wire_names_and_omits_unset_parameters() {
    let params = builder()
        .per_page(50)
        .filters([filter("provider", "eq", ["openai"])])
        .start_date(datetime!(2019-12-27 18:11:19.117 UTC))
        .feedback(LogListParamsFeedback::V1)
        .build()
        .unwrap();
    let value = serde_json::to_value(&params).unwrap();
    let expected: serde_json::Value = serde_json::from_str(ISSUE_JSON).unwrap();
    assert_eq!(value, expected);
}

#[test]
fn to_builder_round_trips() {
    let params = everything();
    assert_eq!(params.to_builder().build().unwrap(), params);
}

#[test]
fn filter_values_convert_from_every_integer_type() {
    let written = |value: LogListParamsFiltersValue| {
        query(builder().filters([LogListParamsFilter::new("tokens", "gt", [value])]))
    };
    let expected = "filters.key=tokens&filters.operator=gt&filters.value=100";
    for value in [
        LogListParamsFiltersValue::from(100u8),
        LogListParamsFiltersValue::from(100i16),
        LogListParamsFiltersValue::from(100u32),
        LogListParamsFiltersValue::from(100i64),
        LogListParamsFiltersValue::from(100u64),
        LogListParamsFiltersValue::from(100usize),
        LogListParamsFiltersValue::from(100isize),
        LogListParamsFiltersValue::from(100.0f32),
    ] {
        assert_eq!(written(value), expected);
    }
}
