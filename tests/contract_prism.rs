//! Contract test: the client's requests against Prism mocking the API's
//! OpenAPI description with `--errors`, so a request that breaks the
//! description gets a 4xx and an `sl-violations` header.
//!
//! Needs `node_modules/.bin/prism`: run `npm ci` first (CI does). Without it
//! the test fails, saying so.

#![allow(deprecated)] // The deprecated query parameters are part of the contract.

use std::time::Duration;

use cloudflare_api::ai_gateway::logs::{
    LogListParams, LogListParamsBuilder, LogListParamsDirection, LogListParamsFeedback,
    LogListParamsFilter, LogListParamsOrderBy, LogListParamsOrderByDirection,
};
use cloudflare_api::{Client, ClientBuilder, Error, Rule};
use sdk_tests::bodies::ACCOUNT_ID;
use sdk_tests::prism::Prism;
use sdk_tests::raw_http;
use time::macros::datetime;

const TOKEN: &str = "prism-token";

fn spec() -> std::path::PathBuf {
    sdk_tests::reference_file("openapi/ai-gateway-logs.reconstructed.openapi.json")
}

fn client_for(prism: &Prism, configure: fn(ClientBuilder) -> ClientBuilder) -> Client {
    configure(Client::builder())
        .base_url(prism.base_url())
        .timeout(Duration::from_secs(10))
        .max_retries(0)
        .build()
        .unwrap()
}

fn builder() -> LogListParamsBuilder {
    LogListParams::builder(ACCOUNT_ID)
}

/// Parameter sets the description allows, each with a name for failures.
fn valid_sets() -> Vec<(String, LogListParams)> {
    let mut sets: Vec<(String, LogListParamsBuilder)> = vec![
        ("no parameters".into(), builder()),
        ("page 1, per_page 1".into(), builder().page(1).per_page(1)),
        ("page 2, per_page 50".into(), builder().page(2).per_page(50)),
        ("a far page".into(), builder().page(1_000_000).per_page(20)),
        ("meta_info true".into(), builder().meta_info(true)),
        ("meta_info false".into(), builder().meta_info(false)),
        ("search".into(), builder().search("gpt-4o & more/ü ~")),
        ("empty search".into(), builder().search("")),
        (
            "filters".into(),
            builder().filters([
                LogListParamsFilter::new("provider", "eq", ["openai", "anthropic"]),
                LogListParamsFilter::new("cost", "gt", [0.000001]),
                LogListParamsFilter::new("success", "eq", [true]),
                LogListParamsFilter::new("metadata.key", "contains", ["user id"]),
            ]),
        ),
        (
            "deprecated direction".into(),
            builder().direction(LogListParamsDirection::Asc),
        ),
        (
            "deprecated dates, UTC and offset".into(),
            builder()
                .start_date(datetime!(2025-01-15 14:32:07.481 UTC))
                .end_date(datetime!(2025-01-16 01:00:00 +02:00)),
        ),
        (
            "deprecated feedback 0".into(),
            builder().feedback(LogListParamsFeedback::V0),
        ),
        (
            "deprecated feedback 1".into(),
            builder().feedback(LogListParamsFeedback::V1),
        ),
        (
            "deprecated numbers".into(),
            builder()
                .min_cost(0.000001)
                .max_cost(1e21)
                .min_duration(0.0)
                .max_duration(60_000.0)
                .min_tokens_in(1.0)
                .max_tokens_in(2.5)
                .min_tokens_out(-0.0)
                .max_tokens_out(4096.0)
                .min_total_tokens(10.0)
                .max_total_tokens(1e6),
        ),
        (
            "deprecated flags and strings".into(),
            builder()
                .success(false)
                .cached(true)
                .model("gpt-4o")
                .model_type("chat")
                .provider("openai")
                .request_content_type("application/json")
                .response_content_type("text/event-stream"),
        ),
    ];
    for order_by in [
        LogListParamsOrderBy::CreatedAt,
        LogListParamsOrderBy::Provider,
        LogListParamsOrderBy::Model,
        LogListParamsOrderBy::ModelType,
        LogListParamsOrderBy::Success,
        LogListParamsOrderBy::Cached,
    ] {
        for direction in [
            LogListParamsOrderByDirection::Asc,
            LogListParamsOrderByDirection::Desc,
        ] {
            sets.push((
                format!("order_by {order_by} {direction}"),
                builder()
                    .order_by(order_by.clone())
                    .order_by_direction(direction),
            ));
        }
    }
    sets.push((
        "everything at once".into(),
        builder()
            .page(3)
            .per_page(7)
            .order_by(LogListParamsOrderBy::Cached)
            .order_by_direction(LogListParamsOrderByDirection::Asc)
            .meta_info(true)
            .search("x y")
            .filters([LogListParamsFilter::new("model", "neq", ["a"])])
            .direction(LogListParamsDirection::Desc)
            .start_date(datetime!(2025-01-15 00:00:00 UTC))
            .end_date(datetime!(2025-01-16 00:00:00.5 -05:30))
            .feedback(LogListParamsFeedback::V1)
            .min_cost(0.5)
            .max_cost(2.0)
            .min_duration(1.0)
            .max_duration(2.0)
            .min_tokens_in(1.0)
            .max_tokens_in(2.0)
            .min_tokens_out(1.0)
            .max_tokens_out(2.0)
            .min_total_tokens(1.0)
            .max_total_tokens(2.0)
            .success(true)
            .cached(false)
            .model("m")
            .model_type("chat")
            .provider("p")
            .request_content_type("a/b")
            .response_content_type("c/d"),
    ));
    sets.into_iter()
        .map(|(name, b)| {
            let params = b.build().unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, params)
        })
        .collect()
}

/// The request `params` make, sent bare to Prism with the client's headers:
/// its status and `sl-violations` header.
fn raw_check(prism: &Prism, gateway_id: &str, params: &LogListParams) -> raw_http::RawResponse {
    let path = params.request_path(gateway_id).unwrap();
    let query = params.to_query_string();
    let target = if query.is_empty() {
        format!("/{path}")
    } else {
        format!("/{path}?{query}")
    };
    let bearer = format!("Bearer {TOKEN}");
    raw_http::get(
        prism.port(),
        &target,
        &[
            ("Authorization", &bearer),
            ("Accept", "application/json"),
            ("User-Agent", "cloudflare-api/0.2.0 (rust)"),
        ],
    )
    .unwrap()
}

fn requests_logged(prism: &Prism) -> usize {
    prism.log().matches("Request received").count()
}

#[tokio::test]
async fn valid_requests_pass_prism_validation() {
    let prism = Prism::start(&spec());
    eprintln!("Prism answered after {:?}", prism.startup);
    let client = client_for(&prism, |b| b.api_token(TOKEN));
    let long_id = "g".repeat(64);
    let gateways = [
        "my-gateway",
        "a",
        long_id.as_str(),
        "gw with space/and slash",
        "é",
    ];
    let mut checked = 0;
    for (name, params) in valid_sets() {
        for gateway in gateways {
            let raw = raw_check(&prism, gateway, &params);
            assert_eq!(
                (raw.status, raw.header("sl-violations")),
                (200, None),
                "{name}, gateway {gateway:?}: {}?{}",
                params.request_path(gateway).unwrap(),
                params.to_query_string()
            );
            let page = client
                .ai_gateway()
                .logs()
                .list(gateway, &params)
                .await
                .unwrap_or_else(|e| panic!("{name}, gateway {gateway:?}: {e}"));
            // Prism's example: one log, with every required field.
            assert_eq!(page.result.len(), 1, "{name}");
            assert!(page.result_info.is_some(), "{name}");
            checked += 1;
        }
    }
    assert!(checked >= 100, "{checked}");

    // The list operation accepts a token or an email + key pair; not a user service key.
    let key_client = client_for(&prism, |b| b.api_key("k").api_email("me@example.com"));
    let params = builder().build().unwrap();
    key_client
        .ai_gateway()
        .logs()
        .list("gw", &params)
        .await
        .unwrap();
    // Sent bare, a service key is refused by Prism; the client does not send it at all.
    let raw = raw_http::get(
        prism.port(),
        &format!("/{}", params.request_path("gw").unwrap()),
        &[("X-Auth-User-Service-Key", "v1.0-svc")],
    )
    .unwrap();
    assert_eq!(raw.status, 401);
    let before = requests_logged(&prism);
    let service_client = client_for(&prism, |b| b.user_service_key("v1.0-svc"));
    let error = service_client
        .ai_gateway()
        .logs()
        .list("gw", &params)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(requests_logged(&prism), before);
}

#[tokio::test]
async fn the_other_operations_pass_prism_validation() {
    use cloudflare_api::ai_gateway::gateways::GatewayListParams;
    use cloudflare_api::ai_gateway::logs::{
        LogDeleteParams, LogDeleteParamsOrderBy, LogEditParams, LogEditParamsMetadata,
        LogGetParams, LogRequestParams, LogResponseParams,
    };
    use futures::TryStreamExt;

    let prism = Prism::start(&spec());
    for client in [
        client_for(&prism, |b| b.api_token(TOKEN)),
        client_for(&prism, |b| b.api_key("k").api_email("me@example.com")),
    ] {
        let logs = client.ai_gateway().logs();
        for params in [
            LogDeleteParams::builder(ACCOUNT_ID).build().unwrap(),
            LogDeleteParams::builder(ACCOUNT_ID)
                .filters([LogListParamsFilter::new("provider", "eq", ["openai"])])
                .limit(10_000)
                .order_by(LogDeleteParamsOrderBy::TokensOut)
                .order_by_direction(LogListParamsOrderByDirection::Desc)
                .build()
                .unwrap(),
        ] {
            // Prism's example decodes: every required field is there.
            logs.delete("gw x", &params).await.unwrap();
        }
        logs.get(
            "gw",
            "log/1",
            &LogGetParams::builder(ACCOUNT_ID).build().unwrap(),
        )
        .await
        .unwrap();
        for params in [
            LogEditParams::builder(ACCOUNT_ID).build().unwrap(),
            LogEditParams::builder(ACCOUNT_ID)
                .feedback(-1.0)
                .score(99.5)
                .metadata([
                    ("a".to_string(), LogEditParamsMetadata::from("x")),
                    ("b".to_string(), LogEditParamsMetadata::from(1.5)),
                    ("c".to_string(), LogEditParamsMetadata::from(true)),
                ])
                .build()
                .unwrap(),
            LogEditParams::builder(ACCOUNT_ID)
                .feedback_null()
                .score_null()
                .metadata_null()
                .build()
                .unwrap(),
        ] {
            logs.edit("gw", "log-1", &params).await.unwrap_or_else(|e| {
                panic!("{}: {e}", String::from_utf8_lossy(&params.to_json_body()))
            });
        }
        logs.request(
            "gw",
            "log-1",
            &LogRequestParams::builder(ACCOUNT_ID).build().unwrap(),
        )
        .await
        .unwrap();
        logs.response(
            "gw",
            "log-1",
            &LogResponseParams::builder(ACCOUNT_ID).build().unwrap(),
        )
        .await
        .unwrap();
        let gateways = client.ai_gateway().gateways();
        let params = GatewayListParams::builder(ACCOUNT_ID)
            .page(1)
            .per_page(100)
            .search("gw")
            .build()
            .unwrap();
        let page = gateways.list(&params).await.unwrap();
        assert!(!page.result.is_empty());
        // Prism answers every page alike: a short first page ends the stream.
        let all: Vec<_> = gateways
            .list_auto_paging(params)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(all.len(), page.result.len());
    }

    // Bodies and queries that break the description are refused before sending.
    let before = requests_logged(&prism);
    for (name, params) in [
        (
            "feedback 1.5",
            LogEditParams::builder(ACCOUNT_ID).feedback(1.5).build(),
        ),
        (
            "score -1",
            LogEditParams::builder(ACCOUNT_ID).score(-1.0).build(),
        ),
    ] {
        assert!(params.is_err(), "{name}");
    }
    assert!(LogDeleteParams::builder(ACCOUNT_ID)
        .limit(0)
        .build()
        .is_err());
    assert!(GatewayListParams::builder(ACCOUNT_ID)
        .per_page(101)
        .build()
        .is_err());
    // Prism itself refuses the same body.
    let body = br#"{"feedback":1.5}"#;
    let raw = raw_http::request(
        prism.port(),
        "PATCH",
        &format!("/accounts/{ACCOUNT_ID}/ai-gateway/gateways/gw/logs/l1"),
        &[
            ("Authorization", &format!("Bearer {TOKEN}")),
            ("Content-Type", "application/json"),
        ],
        body,
    )
    .unwrap();
    assert!((400..500).contains(&raw.status), "{}", raw.status);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(requests_logged(&prism), before + 1);
}

#[tokio::test]
async fn requests_breaking_the_description_are_refused_before_sending() {
    let prism = Prism::start(&spec());
    let client = client_for(&prism, |b| b.api_token(TOKEN));
    let valid = builder().build().unwrap();

    // Prism rejects each of these when it gets them ...
    let long_id = "g".repeat(65);
    let raw_cases = [
        (
            format!("/accounts/{ACCOUNT_ID}/ai-gateway/gateways/gw/logs?per_page=51"),
            "per_page",
        ),
        (
            format!("/accounts/{ACCOUNT_ID}/ai-gateway/gateways/gw/logs?per_page=0"),
            "per_page",
        ),
        (
            format!("/accounts/{ACCOUNT_ID}/ai-gateway/gateways/gw/logs?page=0"),
            "page",
        ),
        (
            format!("/accounts/{ACCOUNT_ID}/ai-gateway/gateways/{long_id}/logs"),
            "gateway_id",
        ),
    ];
    for (target, param) in &raw_cases {
        let raw = raw_http::get(
            prism.port(),
            target,
            &[("Authorization", &format!("Bearer {TOKEN}"))],
        )
        .unwrap();
        let violations = raw.header("sl-violations").unwrap_or_default();
        assert!(
            (400..500).contains(&raw.status) && violations.contains(&format!("\"{param}\"")),
            "{target}: {} {violations}",
            raw.status
        );
    }

    // ... and the client never sends them.
    let before = requests_logged(&prism);
    for (name, params) in [
        ("per_page 51", builder().per_page(51)),
        ("per_page 0", builder().per_page(0)),
        ("page 0", builder().page(0)),
        ("page -1", builder().page(-1)),
    ] {
        let error = params.build().unwrap_err();
        let param = if name.starts_with("per_page") {
            "per_page"
        } else {
            "page"
        };
        assert_eq!(error.param, param, "{name}");
        assert!(
            matches!(error.rule, Rule::Minimum(_) | Rule::Maximum(_)),
            "{name}: {error}"
        );
    }
    for (gateway, rule) in [
        (long_id.as_str(), Rule::MaxLength(64)),
        ("..", Rule::PathSegment),
        (".", Rule::PathSegment),
        ("", Rule::MinLength(1)),
    ] {
        let error = client
            .ai_gateway()
            .logs()
            .list(gateway, &valid)
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest(v) if v.param == "gateway_id" && v.rule == rule),
            "{gateway:?}: {error:?}"
        );
    }
    // Prism would log any request within milliseconds.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(requests_logged(&prism), before, "{}", prism.log());

    // The log counts requests: one valid request shows.
    client.ai_gateway().logs().list("gw", &valid).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(requests_logged(&prism), before + 1);
}
