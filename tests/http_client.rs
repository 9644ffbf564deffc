//! `HttpClient` against a local server: the request on the wire, retries and error kinds.

use std::time::{Duration, Instant};

// Ported from the runtime's development crate; only this import changed.
use cloudflare_api::runtime as rt;

use rt::error::Error;
use rt::http::{Body, Bytes, HttpClient, HttpConfig, Method, RequestBody};
use rt::secret::Secret;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const USER_AGENT: &str = "cloudflare-api-rust/0.1.0";

fn client_with(
    base_url: &str,
    auth_headers: Vec<(&'static str, Secret)>,
    max_retries: u32,
    timeout: Duration,
) -> HttpClient {
    HttpClient::new(HttpConfig {
        base_url: base_url.to_owned(),
        timeout,
        // Room for a retry after a timed-out attempt.
        total_timeout: Duration::from_secs(10),
        max_retries,
        max_response_bytes: rt::http::DEFAULT_MAX_RESPONSE_BYTES,
        max_pages: rt::paginate::DEFAULT_MAX_PAGES,
        user_agent: USER_AGENT.to_owned(),
        auth_schemes: vec![rt::http::AuthScheme {
            name: "api_token",
            headers: auth_headers,
        }],
        client: None,
    })
    .unwrap()
}

fn token() -> Vec<(&'static str, Secret)> {
    vec![("Authorization", Secret::new("Bearer tok-sekrit"))]
}

fn client(server: &MockServer, max_retries: u32) -> HttpClient {
    client_with(
        &format!("{}/client/v4/", server.uri()),
        token(),
        max_retries,
        Duration::from_secs(5),
    )
}

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

/// Status `status` with `retry-after-ms: 10`, so retries are quick.
fn quick_retry(status: u16) -> ResponseTemplate {
    json(
        status,
        r#"{"success":false,"errors":[{"code":1,"message":"busy"}],"messages":[],"result":null}"#,
    )
    .insert_header("retry-after-ms", "10")
}

const OK: &str = r#"{"success":true,"errors":[],"messages":[],"result":{"id":"x"}}"#;

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

/// Answers `first` `times` times, then 200 `OK`.
async fn failing_then_ok(server: &MockServer, first: ResponseTemplate, times: u64) {
    Mock::given(method("GET"))
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .respond_with(json(200, OK))
        .with_priority(2)
        .mount(server)
        .await;
}

async fn get(client: &HttpClient) -> Result<(u16, Bytes), Error> {
    client.send(Method::GET, "accounts/a/items", "", None).await
}

#[tokio::test]
async fn request_line_and_headers_for_each_credential_set() {
    let sets: Vec<Vec<(&'static str, Secret)>> = vec![
        token(),
        vec![
            ("X-Auth-Email", Secret::new("me@example.com")),
            ("X-Auth-Key", Secret::new("key-sekrit")),
        ],
        vec![("X-Auth-User-Service-Key", Secret::new("v1.0-sekrit"))],
    ];
    let all_auth = [
        "authorization",
        "x-auth-email",
        "x-auth-key",
        "x-auth-user-service-key",
    ];
    for set in sets {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(json(200, OK))
            .mount(&server)
            .await;
        let client = client_with(
            &format!("{}/client/v4", server.uri()),
            set.clone(),
            0,
            Duration::from_secs(5),
        );
        let (status, body) = client
            .send(
                Method::GET,
                "accounts/0d37/ai-gateway/gateways/a%2F..%2Fb%20c/logs",
                "search=a+b%26c&page=2",
                None,
            )
            .await
            .unwrap();
        assert_eq!((status, &body[..]), (200, OK.as_bytes()));
        let received = requests(&server).await;
        assert_eq!(received.len(), 1);
        let request = &received[0];
        assert_eq!(request.method, Method::GET);
        // Sent exactly as given: no decoding of %2F, no re-encoding of + or %26.
        assert_eq!(
            request.url.path(),
            "/client/v4/accounts/0d37/ai-gateway/gateways/a%2F..%2Fb%20c/logs"
        );
        assert_eq!(request.url.query(), Some("search=a+b%26c&page=2"));
        assert_eq!(request.headers["accept"], "application/json");
        assert_eq!(request.headers["user-agent"], USER_AGENT);
        assert!(request.headers.get("content-type").is_none());
        for (name, secret) in &set {
            assert_eq!(request.headers[*name], secret.expose(), "{name}");
        }
        let sent: Vec<_> = all_auth
            .iter()
            .filter(|name| request.headers.contains_key(**name))
            .collect();
        assert_eq!(
            sent.len(),
            set.len(),
            "only the configured credentials are sent"
        );
    }
}

#[tokio::test]
async fn json_body_has_content_type() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/client/v4/accounts/a/logs/1"))
        .respond_with(json(200, OK))
        .mount(&server)
        .await;
    let body = Bytes::from_static(br#"{"feedback":1}"#);
    client(&server, 0)
        .send(
            Method::PATCH,
            "accounts/a/logs/1",
            "",
            Some(RequestBody::Json(body.clone())),
        )
        .await
        .unwrap();
    let request = &requests(&server).await[0];
    assert_eq!(request.headers["content-type"], "application/json");
    assert_eq!(request.body, body.to_vec());
}

#[tokio::test]
async fn retryable_statuses_are_retried_with_the_server_wait() {
    for status in [408, 409, 429, 500, 502, 503] {
        let server = MockServer::start().await;
        failing_then_ok(&server, quick_retry(status), 2).await;
        let started = Instant::now();
        let (status_seen, _) = get(&client(&server, 2)).await.unwrap();
        assert_eq!(status_seen, 200);
        assert_eq!(requests(&server).await.len(), 3, "{status}");
        // Two waits of 10 ms; the computed backoff would take at least 375 + 750 ms.
        assert!(
            started.elapsed() < Duration::from_millis(1000),
            "{status}: {:?}",
            started.elapsed()
        );
    }
}

#[tokio::test]
async fn retry_after_seconds_and_backoff_are_used() {
    let server = MockServer::start().await;
    failing_then_ok(
        &server,
        json(503, "{}").insert_header("retry-after", "1"),
        1,
    )
    .await;
    let started = Instant::now();
    get(&client(&server, 1)).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );

    // retry-after beyond 60 s is ignored: the first backoff is 375..=500 ms.
    let server = MockServer::start().await;
    failing_then_ok(
        &server,
        json(503, "{}").insert_header("retry-after", "120"),
        1,
    )
    .await;
    let started = Instant::now();
    get(&client(&server, 1)).await.unwrap();
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(375) && waited < Duration::from_secs(2),
        "{waited:?}"
    );
}

#[tokio::test]
async fn client_errors_are_not_retried_and_carry_the_envelope() {
    let server = MockServer::start().await;
    let body = r#"{"success":false,"errors":[{"code":7003,"message":"Could not route","documentation_url":"https://d","source":{"pointer":"/id"}}],"messages":[{"code":1,"message":"note"}],"result":null}"#;
    Mock::given(method("GET"))
        .respond_with(json(404, body).insert_header("retry-after-ms", "10"))
        .mount(&server)
        .await;
    let error = get(&client(&server, 2)).await.unwrap_err();
    assert_eq!(requests(&server).await.len(), 1);
    assert_eq!(error.status(), Some(404));
    assert!(!error.is_retryable());
    assert_eq!(
        error.to_string(),
        "API error (HTTP 404): [7003] Could not route"
    );
    let Error::Api {
        errors,
        messages,
        body: kept,
        ..
    } = error
    else {
        panic!("expected Api")
    };
    assert_eq!(
        errors[0].source.as_ref().and_then(|s| s.pointer.as_deref()),
        Some("/id")
    );
    assert_eq!(messages[0].message, "note");
    assert_eq!(kept, body);
}

#[tokio::test]
async fn x_should_retry_overrides_the_status() {
    // `true` makes a 400 retried.
    let server = MockServer::start().await;
    failing_then_ok(
        &server,
        quick_retry(400).insert_header("x-should-retry", "true"),
        1,
    )
    .await;
    get(&client(&server, 2)).await.unwrap();
    assert_eq!(requests(&server).await.len(), 2);

    // `false` stops a 503 from being retried.
    let server = MockServer::start().await;
    failing_then_ok(
        &server,
        quick_retry(503).insert_header("x-should-retry", "false"),
        1,
    )
    .await;
    let error = get(&client(&server, 2)).await.unwrap_err();
    assert_eq!(requests(&server).await.len(), 1);
    assert!(matches!(error, Error::Api { status: 503, .. }));
}

#[tokio::test]
async fn server_errors_after_the_last_retry_are_api_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(quick_retry(503))
        .mount(&server)
        .await;
    let error = get(&client(&server, 2)).await.unwrap_err();
    assert_eq!(requests(&server).await.len(), 3, "1 attempt + 2 retries");
    assert!(error.is_retryable());
    let Error::Api {
        status,
        errors,
        body,
        ..
    } = error
    else {
        panic!("expected Api")
    };
    assert_eq!((status, errors[0].message.as_str()), (503, "busy"));
    assert!(body.contains("busy"));

    // A body that is no envelope: no messages, the raw text kept, bounded.
    let server = MockServer::start().await;
    let html = format!("<html>{}</html>", "x".repeat(10_000));
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_string(html))
        .mount(&server)
        .await;
    let Err(Error::Api {
        status: 502,
        errors,
        body,
        ..
    }) = get(&client(&server, 0)).await
    else {
        panic!("expected Api 502")
    };
    assert!(errors.is_empty() && body.starts_with("<html>") && body.len() == 4096);
}

#[tokio::test]
async fn success_false_under_2xx_is_an_api_error() {
    let server = MockServer::start().await;
    let body = r#"{"success":false,"errors":[{"code":1000,"message":"nope"}],"messages":[],"result":null}"#;
    Mock::given(method("GET"))
        .respond_with(json(200, body))
        .mount(&server)
        .await;
    let (status, bytes) = get(&client(&server, 2)).await.unwrap();
    assert_eq!(requests(&server).await.len(), 1);
    let error = rt::envelope::decode_result::<serde_json::Value>(status, &bytes).unwrap_err();
    assert!(
        matches!(&error, Error::Api { status: 200, errors, .. } if errors[0].code == Some(1000)),
        "{error:?}"
    );
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json(200, r#"{"success":true,"result":{"#))
        .mount(&server)
        .await;
    let (status, bytes) = get(&client(&server, 0)).await.unwrap();
    let error = rt::envelope::decode_result::<serde_json::Value>(status, &bytes).unwrap_err();
    let Error::Decode {
        status: 200,
        snippet,
        ..
    } = &error
    else {
        panic!("expected Decode, got {error:?}")
    };
    assert_eq!(snippet, r#"{"success":true,"result":{"#);
}

#[tokio::test]
async fn timeouts_are_retried_then_reported() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json(200, OK).set_delay(Duration::from_millis(800)))
        .mount(&server)
        .await;
    let base = format!("{}/client/v4", server.uri());
    let error = get(&client_with(&base, token(), 0, Duration::from_millis(100)))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert_eq!(requests(&server).await.len(), 1);

    let server = MockServer::start().await;
    failing_then_ok(
        &server,
        json(200, OK).set_delay(Duration::from_millis(800)),
        1,
    )
    .await;
    let base = format!("{}/client/v4", server.uri());
    let (status, _) = get(&client_with(&base, token(), 1, Duration::from_millis(300)))
        .await
        .unwrap();
    assert_eq!(status, 200);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn connection_refused_is_a_transport_error_without_secrets() {
    // A port that was free a moment ago and has no listener now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}/client/v4");
    let started = Instant::now();
    let error = get(&client_with(&base, token(), 1, Duration::from_secs(5)))
        .await
        .unwrap_err();
    // One retry after the computed backoff (375..=500 ms).
    assert!(
        started.elapsed() >= Duration::from_millis(375),
        "{:?}",
        started.elapsed()
    );
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(error.is_retryable() && error.status().is_none());
    let shown = format!("{error} {error:?}");
    println!("{error}");
    assert!(
        error.to_string().starts_with("transport error: "),
        "{error}"
    );
    assert!(!shown.contains("sekrit"), "{shown}");
    assert!(std::error::Error::source(&error).is_some());
}

/// POSTs get one retryable 503, then 200 with an envelope.
async fn mount_one_503_then_ok(server: &MockServer) {
    Mock::given(method("POST"))
        .respond_with(quick_retry(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .respond_with(json(200, OK))
        .with_priority(2)
        .mount(server)
        .await;
}

#[tokio::test]
async fn stream_bodies_are_never_retried() {
    let server = MockServer::start().await;
    mount_one_503_then_ok(&server).await;
    let body = RequestBody::Stream(Body::from("streamed"));
    let error = client(&server, 2)
        .send(Method::POST, "accounts/a/upload", "", Some(body))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Api { status: 503, .. }), "{error:?}");
    let received = requests(&server).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].body, b"streamed");
    assert!(received[0].headers.get("content-type").is_none());
}

#[tokio::test]
async fn json_bodies_are_replayed_on_retry() {
    let server = MockServer::start().await;
    mount_one_503_then_ok(&server).await;
    let body = Bytes::from_static(br#"{"a":1}"#);
    client(&server, 2)
        .send(Method::POST, "x", "", Some(RequestBody::Json(body)))
        .await
        .unwrap();
    let received = requests(&server).await;
    assert_eq!(received.len(), 2);
    assert!(received.iter().all(|r| r.body == br#"{"a":1}"#));
}
