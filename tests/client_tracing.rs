//! With the `tracing` feature, each call is a `request` span with events for
//! its response, each retry and each page; no credential is in any of them.

use std::io::Write;
use std::sync::{Arc, Mutex};

use cloudflare_api::ai_gateway::logs::LogListParams;
use cloudflare_api::Client;
use futures::TryStreamExt;
use sdk_tests::bodies::{list_body, ACCOUNT_ID};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "tok-traced-secret";

/// Everything the subscriber writes, shared with the test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn requests_retries_and_pages_are_traced_without_credentials() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("retry-after-ms", "10")
                .set_body_raw(format!("echo {TOKEN}").into_bytes(), "text/plain"),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            list_body([1, 2], Some(r#"{"page":1,"per_page":20,"total_count":2}"#)).into_bytes(),
            "application/json",
        ))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_token(TOKEN)
        .base_url(server.uri())
        .build()
        .expect("client");
    let params = LogListParams::builder(ACCOUNT_ID).build().expect("params");
    let items: Vec<_> = client
        .ai_gateway()
        .logs()
        .list_auto_paging("gw", params)
        .try_collect()
        .await
        .expect("listed");
    assert_eq!(items.len(), 2);

    let text = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf-8");
    for expected in [
        "request{operation=\"logs.list\" method=GET path=\"accounts/",
        "retrying after a status worth retrying retry=1 wait_ms=10",
        "response status=200",
        "page page=1 items=2",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    assert!(!text.contains(TOKEN), "a credential was traced:\n{text}");
}
