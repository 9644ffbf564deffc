//! Every constraint of List Gateway Logs is refused at `build()` with a
//! `ValidationError` naming the parameter, the value and the bound.
#![allow(deprecated)]

use cloudflare_api::ai_gateway::logs::{
    LogListParams, LogListParamsBuilder, LogListParamsFilter, LogListParamsFiltersValue,
};
use cloudflare_api::{Rule, ValidationError};

const ACCOUNT: &str = "0d37909e38d3e99c29fa2cd343ac421a";

fn builder() -> LogListParamsBuilder {
    LogListParams::builder(ACCOUNT)
}

fn refused(builder: LogListParamsBuilder) -> ValidationError {
    builder
        .build()
        .expect_err("build() must refuse these parameters")
}

fn error(param: &str, value: &str, rule: Rule) -> ValidationError {
    ValidationError::new(param, value, rule)
}

// ---------------------------------------------------------------- page

#[test]
fn page_zero_is_below_the_minimum() {
    assert_eq!(
        refused(builder().page(0)),
        error("page", "0", Rule::Minimum("1".to_owned()))
    );
}

#[test]
fn negative_page_is_below_the_minimum() {
    assert_eq!(
        refused(builder().page(-3)),
        error("page", "-3", Rule::Minimum("1".to_owned()))
    );
    assert_eq!(
        refused(builder().page(i64::MIN)),
        error("page", &i64::MIN.to_string(), Rule::Minimum("1".to_owned()))
    );
}

#[test]
fn page_one_and_large_pages_are_accepted() {
    for page in [1, 2, 1000, i64::MAX] {
        let params = builder().page(page).build().expect("valid page");
        assert_eq!(params.page(), Some(page));
    }
}

// ---------------------------------------------------------------- per_page

#[test]
fn per_page_zero_is_below_the_minimum() {
    assert_eq!(
        refused(builder().per_page(0)),
        error("per_page", "0", Rule::Minimum("1".to_owned()))
    );
}

#[test]
fn per_page_fifty_one_is_above_the_maximum() {
    assert_eq!(
        refused(builder().per_page(51)),
        error("per_page", "51", Rule::Maximum("50".to_owned()))
    );
    assert_eq!(
        refused(builder().per_page(i64::MAX)),
        error(
            "per_page",
            &i64::MAX.to_string(),
            Rule::Maximum("50".to_owned())
        )
    );
    assert_eq!(
        refused(builder().per_page(-1)),
        error("per_page", "-1", Rule::Minimum("1".to_owned()))
    );
}

#[test]
fn per_page_bounds_are_inclusive() {
    for per_page in [1, 20, 50] {
        let params = builder()
            .per_page(per_page)
            .build()
            .expect("valid per_page");
        assert_eq!(params.per_page(), Some(per_page));
        assert_eq!(params.to_query_string(), format!("per_page={per_page}"));
    }
}

// ---------------------------------------------------------------- finite floats

type FloatSetter = fn(LogListParamsBuilder, f64) -> LogListParamsBuilder;

fn float_setters() -> [(&'static str, FloatSetter); 10] {
    [
        ("max_cost", LogListParamsBuilder::max_cost),
        ("max_duration", LogListParamsBuilder::max_duration),
        ("max_tokens_in", LogListParamsBuilder::max_tokens_in),
        ("max_tokens_out", LogListParamsBuilder::max_tokens_out),
        ("max_total_tokens", LogListParamsBuilder::max_total_tokens),
        ("min_cost", LogListParamsBuilder::min_cost),
        ("min_duration", LogListParamsBuilder::min_duration),
        ("min_tokens_in", LogListParamsBuilder::min_tokens_in),
        ("min_tokens_out", LogListParamsBuilder::min_tokens_out),
        ("min_total_tokens", LogListParamsBuilder::min_total_tokens),
    ]
}

#[test]
fn min_cost_nan_is_refused() {
    assert_eq!(
        refused(builder().min_cost(f64::NAN)),
        error("min_cost", "NaN", Rule::Finite)
    );
}

#[test]
fn min_cost_infinities_are_refused() {
    assert_eq!(
        refused(builder().min_cost(f64::INFINITY)),
        error("min_cost", "inf", Rule::Finite)
    );
    assert_eq!(
        refused(builder().min_cost(f64::NEG_INFINITY)),
        error("min_cost", "-inf", Rule::Finite)
    );
}

#[test]
fn every_float_parameter_refuses_non_finite_values() {
    for (name, set) in float_setters() {
        for (value, text) in [
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(
                refused(set(builder(), value)),
                error(name, text, Rule::Finite),
                "{name} = {text}"
            );
        }
    }
}

#[test]
fn every_float_parameter_accepts_extreme_finite_values() {
    for (name, set) in float_setters() {
        for value in [f64::MAX, f64::MIN, f64::MIN_POSITIVE, 5e-324, -0.0, 0.0] {
            let params = set(builder(), value)
                .build()
                .unwrap_or_else(|e| panic!("{name} = {value:e} refused: {e}"));
            let q = params.to_query_string();
            let text = q.strip_prefix(&format!("{name}=")).expect("one pair");
            assert_eq!(text.parse::<f64>().unwrap().to_bits(), value.to_bits());
        }
    }
}

#[test]
fn filter_value_nan_is_refused_naming_its_position() {
    let params = builder().filters([LogListParamsFilter::new("cost", "gt", [0.5, f64::NAN])]);
    assert_eq!(
        refused(params),
        error("filters[0].value[1]", "NaN", Rule::Finite)
    );
}

#[test]
fn filter_value_infinity_in_a_later_filter_is_refused_naming_its_position() {
    let params = builder().filters([
        LogListParamsFilter::new("provider", "eq", ["openai"]),
        LogListParamsFilter::new(
            "cost",
            "lt",
            [
                LogListParamsFiltersValue::from(1),
                LogListParamsFiltersValue::from("x"),
                LogListParamsFiltersValue::from(true),
                LogListParamsFiltersValue::from(f64::NEG_INFINITY),
            ],
        ),
    ]);
    assert_eq!(
        refused(params),
        error("filters[1].value[3]", "-inf", Rule::Finite)
    );
}

#[test]
fn finite_filter_values_of_every_kind_are_accepted() {
    let params = builder()
        .filters([LogListParamsFilter::new(
            "metadata.value",
            "eq",
            [
                LogListParamsFiltersValue::from(f64::MAX),
                LogListParamsFiltersValue::from(-0.0),
                LogListParamsFiltersValue::from(""),
                LogListParamsFiltersValue::from(false),
            ],
        )])
        .build();
    assert!(params.is_ok(), "{params:?}");
}

// ---------------------------------------------------------------- required

#[test]
fn missing_account_id_is_required() {
    assert_eq!(
        LogListParamsBuilder::default().build().unwrap_err(),
        error("account_id", "", Rule::Required)
    );
}

#[test]
fn account_id_can_be_given_after_the_fact() {
    let params = LogListParamsBuilder::default()
        .account_id("abc")
        .build()
        .unwrap();
    assert_eq!(params.account_id(), "abc");
}

#[test]
fn try_from_builder_validates_too() {
    let result = LogListParams::try_from(builder().per_page(51));
    assert_eq!(
        result.unwrap_err(),
        error("per_page", "51", Rule::Maximum("50".to_owned()))
    );
    assert!(LogListParams::try_from(builder().per_page(50)).is_ok());
}

// ---------------------------------------------------------------- messages

#[test]
fn display_names_param_value_and_bound() {
    let cases = [
        (builder().page(0), ["page", "0", "minimum 1"]),
        (builder().per_page(0), ["per_page", "0", "minimum 1"]),
        (builder().per_page(51), ["per_page", "51", "maximum 50"]),
        (builder().min_cost(f64::NAN), ["min_cost", "NaN", "finite"]),
    ];
    for (params, needles) in cases {
        let message = refused(params).to_string();
        for needle in needles {
            assert!(message.contains(needle), "{message:?} lacks {needle:?}");
        }
    }
}

#[test]
fn display_exact_texts() {
    assert_eq!(
        refused(builder().per_page(51)).to_string(),
        "per_page: 51 is above the maximum 50"
    );
    assert_eq!(
        refused(builder().page(0)).to_string(),
        "page: 0 is below the minimum 1"
    );
    assert_eq!(
        refused(builder().filters([LogListParamsFilter::new("cost", "gt", [1.0, f64::INFINITY])]))
            .to_string(),
        "filters[0].value[1]: inf is not a finite number"
    );
    assert_eq!(
        LogListParamsBuilder::default()
            .build()
            .unwrap_err()
            .to_string(),
        "account_id: required parameter is missing"
    );
}

#[test]
fn validation_error_is_a_std_error() {
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(refused(builder().page(0)));
    assert!(boxed.to_string().contains("page"));
}

#[test]
fn validation_error_converts_into_the_crate_error() {
    let err: cloudflare_api::Error = refused(builder().per_page(51)).into();
    assert!(err.to_string().contains("per_page"), "{err}");
}

#[test]
fn a_valid_parameter_set_passes_with_all_bounds_at_their_limits() {
    let params = builder()
        .page(1)
        .per_page(50)
        .min_cost(f64::MIN)
        .max_cost(f64::MAX)
        .filters([LogListParamsFilter::new("cost", "gt", [f64::MIN_POSITIVE])])
        .build();
    assert!(params.is_ok(), "{params:?}");
}

#[test]
fn fixing_the_broken_value_through_to_builder_makes_it_valid() {
    let good = builder().per_page(50).build().unwrap();
    assert!(good.to_builder().per_page(51).build().is_err());
    assert!(good.to_builder().per_page(1).build().is_ok());
}
