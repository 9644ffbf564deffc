//! The README's usage snippet, run against a local server: it compiles and
//! does what the README says.

use cloudflare_api::ai_gateway::logs::{LogListParams, LogListParamsFilter};
use cloudflare_api::Client;
use futures::TryStreamExt;
use sdk_tests::bodies::{list_body, ACCOUNT_ID};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_readme_snippet_lists_one_page_and_every_page() -> Result<(), Box<dyn std::error::Error>>
{
    let server = MockServer::start().await;
    let logs_path = format!("/client/v4/accounts/{ACCOUNT_ID}/ai-gateway/gateways/my-gateway/logs");
    Mock::given(method("GET"))
        .and(path(logs_path.as_str()))
        .and(query_param("filters.key", "provider"))
        .and(query_param("per_page", "50"))
        .respond_with(ResponseTemplate::new(200).set_body_string(list_body(
            1..=3,
            Some(r#"{"page":1,"per_page":50,"total_count":3}"#),
        )))
        .expect(2)
        .mount(&server)
        .await;
    let token = "test-token";

    // As in the README.
    let client = Client::builder()
        .api_token(token)
        .base_url(format!("{}/client/v4", server.uri()))
        .build()?;
    let params = LogListParams::builder(ACCOUNT_ID)
        .per_page(50)
        .filters([LogListParamsFilter::new("provider", "eq", ["openai"])])
        .build()?;
    let page = client
        .ai_gateway()
        .logs()
        .list("my-gateway", &params)
        .await?;
    let all: Vec<_> = client
        .ai_gateway()
        .logs()
        .list_auto_paging("my-gateway", params)
        .try_collect()
        .await?;

    assert_eq!(page.result.len(), 3);
    assert_eq!(all, page.result, "one page in all: no second request");
    let error = LogListParams::builder(ACCOUNT_ID)
        .per_page(51)
        .build()
        .expect_err("refused");
    assert_eq!(error.to_string(), "per_page: 51 is above the maximum 50");
    Ok(())
}
