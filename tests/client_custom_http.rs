//! `ClientBuilder::http_client`: a caller's `reqwest::Client` (proxies,
//! custom roots, middleware) carries the SDK's requests, which still get the
//! SDK's credentials, User-Agent, Accept and checks.

use cloudflare_api::ai_gateway::logs::LogListParams;
use cloudflare_api::Client;
use sdk_tests::bodies::{list_body, ACCOUNT_ID};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_caller_supplied_client_sends_the_requests() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(list_body([1], None).into_bytes(), "application/json"),
        )
        .mount(&server)
        .await;
    let mut defaults = reqwest::header::HeaderMap::new();
    defaults.insert("x-proxy-tag", "mine".parse().expect("header"));
    let own = reqwest::Client::builder()
        .default_headers(defaults)
        .build()
        .expect("reqwest client");
    let client = Client::builder()
        .api_token("tok")
        .base_url(server.uri())
        .http_client(own)
        .build()
        .expect("client");
    let params = LogListParams::builder(ACCOUNT_ID).build().expect("params");
    let page = client
        .ai_gateway()
        .logs()
        .list("gw", &params)
        .await
        .expect("listed");
    assert_eq!(page.result.len(), 1);
    let received = server.received_requests().await.expect("recorded");
    let headers = &received[0].headers;
    assert_eq!(headers["x-proxy-tag"], "mine");
    assert_eq!(headers["authorization"], "Bearer tok");
    assert_eq!(headers["accept"], "application/json");
    assert!(headers["user-agent"]
        .to_str()
        .expect("ascii")
        .starts_with("cloudflare-api/"));
}
