//! The AI Gateway operations besides logs.list, against wiremock on
//! 127.0.0.1: method, path, query, exact body bytes, headers, decoding,
//! errors, and params read from one JSON object of wire names.

use std::time::Duration;

use cloudflare_api::ai_gateway::gateways::{
    GatewayListParams, GatewayListResponse, GatewayListResponseRateLimitingTechnique,
};
use cloudflare_api::ai_gateway::logs::{
    LogDeleteParams, LogDeleteParamsOrderBy, LogDeleteResponse, LogEditParams,
    LogEditParamsMetadata, LogGetParams, LogGetResponse, LogListParamsFilter,
    LogListParamsOrderByDirection, LogRequestParams, LogResponseParams,
};
use cloudflare_api::{Client, Error, Rule};
use futures::TryStreamExt;
use sdk_tests::bodies::ACCOUNT_ID;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "tok-sekrit-0123";
const LOGS: &str =
    "/client/v4/accounts/0d37909e38d3e99c29fa2cd343ac421a/ai-gateway/gateways/my%20gw/logs";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_token(TOKEN)
        .base_url(format!("{}/client/v4", server.uri()))
        .timeout(Duration::from_secs(5))
        .max_retries(1)
        .build()
        .unwrap()
}

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

async fn serve(server: &MockServer, verb: &str, response: ResponseTemplate) {
    Mock::given(method(verb))
        .respond_with(response)
        .mount(server)
        .await;
}

async fn only_request(server: &MockServer) -> Request {
    let mut received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1, "exactly one request");
    received.remove(0)
}

fn assert_common_headers(request: &Request) {
    assert_eq!(request.headers["authorization"], format!("Bearer {TOKEN}"));
    assert_eq!(request.headers["accept"], "application/json");
    assert_eq!(request.headers["user-agent"], "cloudflare-api/0.2.0 (rust)");
}

const LOG_DETAIL: &str = r#"{"id":"log-1","cached":false,"created_at":"2025-01-02T03:04:05Z","duration":120,"model":"gpt-4o","path":"openai/chat/completions","provider":"openai","success":true,"tokens_in":10,"tokens_out":null,"request_head":"{\"model\"","request_head_complete":false,"request_size":2048,"response_head":"{}","response_head_complete":true,"response_size":2,"status_code":200,"new_field":[1,2]}"#;

#[tokio::test]
async fn edit_sends_exactly_the_fields_set_in_schema_order() {
    let server = MockServer::start().await;
    serve(
        &server,
        "PATCH",
        json(
            200,
            r#"{"success":true,"errors":[],"messages":[],"result":{"updated":true}}"#,
        ),
    )
    .await;
    let params = LogEditParams::builder(ACCOUNT_ID)
        .metadata([
            ("user".to_string(), LogEditParamsMetadata::from("u-1")),
            ("n".to_string(), LogEditParamsMetadata::from(2.5)),
        ])
        .score_null()
        .feedback(1.0)
        .build()
        .unwrap();
    let result = client(&server)
        .ai_gateway()
        .logs()
        .edit("my gw", "log/1", &params)
        .await
        .unwrap();
    assert_eq!(result, serde_json::json!({"updated": true}));
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PATCH");
    assert_eq!(request.url.path(), format!("{LOGS}/log%2F1"));
    assert_eq!(request.url.query(), None);
    assert_eq!(request.headers["content-type"], "application/json");
    assert_common_headers(&request);
    // feedback, metadata, score: the schema's order (the document's); score cleared; map keys sorted.
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        r#"{"feedback":1.0,"metadata":{"n":2.5,"user":"u-1"},"score":null}"#
    );

    // Nothing set: an empty object, still a JSON body.
    let empty = LogEditParams::builder(ACCOUNT_ID).build().unwrap();
    assert_eq!(empty.to_json_body(), b"{}");
    assert_eq!(empty.feedback(), None);
    assert_eq!(params.score(), Some(None));
    assert_eq!(params.feedback(), Some(Some(1.0)));
}

#[test]
fn edit_params_are_checked_and_read_from_wire_names() {
    let error = LogEditParams::builder(ACCOUNT_ID)
        .feedback(1.5)
        .build()
        .unwrap_err();
    assert_eq!(error.param, "feedback");
    assert_eq!(error.rule, Rule::Maximum("1".into()));
    let error = LogEditParams::builder(ACCOUNT_ID)
        .score(f64::NAN)
        .build()
        .unwrap_err();
    assert_eq!((error.param.as_str(), error.rule), ("score", Rule::Finite));
    let error = LogEditParams::builder(ACCOUNT_ID)
        .metadata([("k".to_string(), LogEditParamsMetadata::from(f64::INFINITY))])
        .build()
        .unwrap_err();
    assert_eq!(error.param, r#"metadata["k"]"#);

    // Absent, null and a value are three different things.
    let read: LogEditParams = serde_json::from_str(&format!(
        r#"{{"account_id":"{ACCOUNT_ID}","score":null,"metadata":{{"a":true}}}}"#
    ))
    .unwrap();
    assert_eq!(read.feedback(), None);
    assert_eq!(read.score(), Some(None));
    assert_eq!(
        read.to_json_body(),
        br#"{"metadata":{"a":true},"score":null}"#
    );
    // Serialize writes the same wire names back, and reads back equal.
    let text = serde_json::to_string(&read).unwrap();
    assert_eq!(serde_json::from_str::<LogEditParams>(&text).unwrap(), read);
    // The same checks as build(), and unknown keys refused.
    for bad in [
        format!(r#"{{"account_id":"{ACCOUNT_ID}","feedback":-2}}"#),
        format!(r#"{{"account_id":"{ACCOUNT_ID}","feedbak":1}}"#),
        r#"{"feedback":1}"#.to_string(),
    ] {
        assert!(
            serde_json::from_str::<LogEditParams>(&bad).is_err(),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn invalid_edit_sends_nothing() {
    let server = MockServer::start().await;
    serve(&server, "PATCH", json(200, "{}")).await;
    let params = LogEditParams::builder(ACCOUNT_ID).build().unwrap();
    let error = client(&server)
        .ai_gateway()
        .logs()
        .edit("my gw", "..", &params)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn delete_sends_its_query_and_decodes_the_bare_body() {
    let server = MockServer::start().await;
    serve(
        &server,
        "DELETE",
        json(200, r#"{"success":true,"deleted":3}"#),
    )
    .await;
    let params = LogDeleteParams::builder(ACCOUNT_ID)
        .filters([LogListParamsFilter::new("provider", "eq", ["openai"])])
        .limit(500)
        .order_by(LogDeleteParamsOrderBy::Cost)
        .order_by_direction(LogListParamsOrderByDirection::Asc)
        .build()
        .unwrap();
    let response: LogDeleteResponse = client(&server)
        .ai_gateway()
        .logs()
        .delete("my gw", &params)
        .await
        .unwrap();
    assert!(response.success);
    // Unknown fields are kept and written back.
    assert_eq!(response.extra["deleted"], 3);
    assert_eq!(
        serde_json::to_string(&response).unwrap(),
        r#"{"success":true,"deleted":3}"#
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), LOGS);
    assert_eq!(
        request.url.query(),
        Some("filters.key=provider&filters.operator=eq&filters.value=openai&limit=500&order_by=cost&order_by_direction=asc")
    );
    assert!(request.body.is_empty());
    assert!(request.headers.get("content-type").is_none());
    assert_common_headers(&request);

    let error = LogDeleteParams::builder(ACCOUNT_ID)
        .limit(10_001)
        .build()
        .unwrap_err();
    assert_eq!(error.param, "limit");
}

#[tokio::test]
async fn delete_error_body_is_an_api_error() {
    let server = MockServer::start().await;
    serve(
        &server,
        "DELETE",
        json(
            400,
            r#"{"success":false,"errors":[{"message":"bad filter"}],"result":null}"#,
        ),
    )
    .await;
    let params = LogDeleteParams::builder(ACCOUNT_ID).build().unwrap();
    let error = client(&server)
        .ai_gateway()
        .logs()
        .delete("my gw", &params)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert!(error.to_string().contains("bad filter"), "{error}");
}

#[tokio::test]
async fn get_decodes_the_detail_and_keeps_unknown_fields() {
    let server = MockServer::start().await;
    serve(
        &server,
        "GET",
        json(
            200,
            &format!(r#"{{"success":true,"errors":[],"messages":[],"result":{LOG_DETAIL}}}"#),
        ),
    )
    .await;
    let params = LogGetParams::builder(ACCOUNT_ID).build().unwrap();
    let log: LogGetResponse = client(&server)
        .ai_gateway()
        .logs()
        .get("my gw", "log-1", &params)
        .await
        .unwrap();
    assert_eq!(log.id, "log-1");
    assert_eq!(log.tokens_in, Some(10));
    assert_eq!(log.tokens_out, None);
    assert_eq!(log.request_size, Some(2048));
    assert_eq!(log.response_head_complete, Some(true));
    assert_eq!(log.extra["new_field"], serde_json::json!([1, 2]));
    let written: serde_json::Value = serde_json::to_value(&log).unwrap();
    let sent: serde_json::Value = serde_json::from_str(LOG_DETAIL).unwrap();
    assert_eq!(
        written, sent,
        "Serialize writes wire names and unknown fields back"
    );
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), format!("{LOGS}/log-1"));
    assert_common_headers(&request);

    // A 404 envelope is an API error with its message.
    let server = MockServer::start().await;
    serve(
        &server,
        "GET",
        json(
            404,
            r#"{"success":false,"errors":[{"code":7002,"message":"Log not found"}]}"#,
        ),
    )
    .await;
    let error = client(&server)
        .ai_gateway()
        .logs()
        .get("my gw", "nope", &params)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert!(error.to_string().contains("Log not found"), "{error}");
}

#[tokio::test]
async fn request_and_response_bodies_are_any_json() {
    for (which, body) in [
        (
            "request",
            r#"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#,
        ),
        ("response", r#"["not", "an", {"object": null}]"#),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(format!("{LOGS}/log-1/{which}")))
            .respond_with(json(200, body))
            .mount(&server)
            .await;
        let client = client(&server);
        let logs = client.ai_gateway().logs();
        let value = if which == "request" {
            let params = LogRequestParams::builder(ACCOUNT_ID).build().unwrap();
            logs.request("my gw", "log-1", &params).await.unwrap()
        } else {
            let params = LogResponseParams::builder(ACCOUNT_ID).build().unwrap();
            logs.response("my gw", "log-1", &params).await.unwrap()
        };
        assert_eq!(
            value,
            serde_json::from_str::<serde_json::Value>(body).unwrap()
        );
        assert_common_headers(&only_request(&server).await);
    }
}

fn gateway_json(id: &str) -> String {
    format!(
        r#"{{"id":"{id}","account_id":"acc","account_tag":"tag","cache_invalidate_on_update":false,"cache_ttl":null,"collect_logs":true,"created_at":"2025-01-01T00:00:00Z","internal_id":"3f1e2b9a-0000-4000-8000-000000000000","modified_at":"2025-01-02T00:00:00.5+02:00","rate_limiting_interval":60,"rate_limiting_limit":null,"rate_limiting_technique":"sliding","otel":[{{"authorization":"a","headers":{{"x":"y"}},"url":"https://o.test"}}],"dlp":{{"enabled":true,"policies":[]}},"zdr":true}}"#
    )
}

#[tokio::test]
async fn gateways_list_pages_and_auto_pages() {
    let server = MockServer::start().await;
    for page in 1..=2 {
        let ids: Vec<String> = match page {
            1 => vec![gateway_json("g-1"), gateway_json("g-2")],
            _ => vec![gateway_json("g-3")],
        };
        Mock::given(method("GET"))
            .and(wiremock::matchers::query_param("page", page.to_string()))
            .respond_with(json(
                200,
                &format!(
                    r#"{{"success":true,"errors":[],"messages":[],"result":[{}],"result_info":{{"page":{page},"per_page":2,"count":2,"total_count":3}}}}"#,
                    ids.join(",")
                ),
            ))
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let params = GatewayListParams::builder(ACCOUNT_ID)
        .page(1)
        .per_page(2)
        .search("g")
        .build()
        .unwrap();
    let page = client.ai_gateway().gateways().list(&params).await.unwrap();
    let first: &GatewayListResponse = &page.result[0];
    assert_eq!(first.id, "g-1");
    assert_eq!(
        first.rate_limiting_technique,
        GatewayListResponseRateLimitingTechnique::Sliding
    );
    assert_eq!(first.cache_ttl, None);
    assert_eq!(first.otel.as_ref().unwrap()[0].headers["x"], "y");
    assert_eq!(first.extra["zdr"], true);
    assert_eq!(page.result_info.as_ref().unwrap().total_count, Some(3));
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/client/v4/accounts/0d37909e38d3e99c29fa2cd343ac421a/ai-gateway/gateways"
    );
    assert_eq!(request.url.query(), Some("page=1&per_page=2&search=g"));
    assert_common_headers(&request);

    let all: Vec<GatewayListResponse> = client
        .ai_gateway()
        .gateways()
        .list_auto_paging(params)
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = all.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["g-1", "g-2", "g-3"]);
    // One request for the first page above, then exactly two for the stream.
    assert_eq!(server.received_requests().await.unwrap().len(), 3);

    let error = GatewayListParams::builder(ACCOUNT_ID)
        .per_page(101)
        .build()
        .unwrap_err();
    assert_eq!(error.param, "per_page");
}

#[test]
fn every_params_type_reads_wire_names_with_the_same_checks() {
    let delete: LogDeleteParams = serde_json::from_str(&format!(
        r#"{{"account_id":"{ACCOUNT_ID}","limit":5,"order_by":"tokens_in","filters":[{{"key":"model","operator":"eq","value":["x"]}}]}}"#
    ))
    .unwrap();
    assert_eq!(delete.limit(), Some(5));
    assert!(serde_json::from_str::<LogDeleteParams>(&format!(
        r#"{{"account_id":"{ACCOUNT_ID}","limit":0}}"#
    ))
    .is_err());
    let gateways: GatewayListParams = serde_json::from_str(&format!(
        r#"{{"account_id":"{ACCOUNT_ID}","page":3,"search":"a"}}"#
    ))
    .unwrap();
    assert_eq!(gateways.to_query_string(), "page=3&search=a");
    for text in [
        format!(r#"{{"account_id":"{ACCOUNT_ID}"}}"#),
        format!(r#"{{"account_id":"{ACCOUNT_ID}","extra":1}}"#),
    ] {
        let ok = text.contains("extra");
        assert_eq!(serde_json::from_str::<LogGetParams>(&text).is_err(), ok);
        assert_eq!(serde_json::from_str::<LogRequestParams>(&text).is_err(), ok);
        assert_eq!(
            serde_json::from_str::<LogResponseParams>(&text).is_err(),
            ok
        );
    }
}

#[test]
fn params_read_and_write_wire_names_as_serde_derive_did() {
    let read = |text: &str| {
        serde_json::from_str::<cloudflare_api::ai_gateway::logs::LogListParams>(text)
            .map_err(|e| e.to_string())
    };
    // A second copy of a key is refused, even when the first was `null`.
    let twice = read(&format!(
        r#"{{"account_id":"{ACCOUNT_ID}","per_page":null,"per_page":5}}"#
    ));
    assert!(
        twice
            .as_ref()
            .unwrap_err()
            .starts_with("duplicate field `per_page`"),
        "{twice:?}"
    );
    // An unknown key names every field the type knows.
    let unknown = read(&format!(r#"{{"account_id":"{ACCOUNT_ID}","per_pag":5}}"#)).unwrap_err();
    assert!(
        unknown.starts_with("unknown field `per_pag`, expected one of `account_id`, `cached`,"),
        "{unknown}"
    );
    // `null` is unset; date-times are RFC 3339 text; the wrong kind is a typed error.
    let params = read(&format!(
        r#"{{"account_id":"{ACCOUNT_ID}","per_page":null,"start_date":"2024-01-02T03:04:05Z"}}"#
    ))
    .unwrap();
    assert_eq!(params.per_page(), None);
    assert_eq!(
        params.to_query_string(),
        "start_date=2024-01-02T03%3A04%3A05Z"
    );
    assert!(read(&format!(
        r#"{{"account_id":"{ACCOUNT_ID}","start_date":"yesterday"}}"#
    ))
    .is_err());
    assert!(read(&format!(
        r#"{{"account_id":"{ACCOUNT_ID}","per_page":"5"}}"#
    ))
    .is_err());
    assert!(read("[]").is_err());
    // PATCH fields: a second `null` is a duplicate too.
    let edit = serde_json::from_str::<LogEditParams>(&format!(
        r#"{{"account_id":"{ACCOUNT_ID}","score":null,"score":null}}"#
    ));
    assert!(edit
        .unwrap_err()
        .to_string()
        .starts_with("duplicate field `score`"));
}
