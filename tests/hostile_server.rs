//! The generated client against servers that misbehave on purpose, on
//! 127.0.0.1: bodies too large or too slow, credentials echoed back, pages that
//! never end, redirects, duplicate keys. Every test ends within a few seconds.

use std::error::Error as _;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use cloudflare_api::ai_gateway::logs::{LogListParams, LogListResponse};
use cloudflare_api::{Client, ClientBuilder, Error};
use futures::StreamExt;
use sdk_tests::bodies::{list_body, list_envelope, log_json, ACCOUNT_ID};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOKEN: &str = "tok-Hostile-0123456789";
const API_KEY: &str = "key-Hostile-9876543210";
const EMAIL: &str = "owner@example.com";

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;

fn params(per_page: i64) -> LogListParams {
    LogListParams::builder(ACCOUNT_ID)
        .per_page(per_page)
        .build()
        .unwrap()
}

/// A token client for `base_url` with no retries and a 5 s timeout; `tune` changes the rest.
fn client(base_url: &str, tune: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Client {
    let builder = Client::builder()
        .api_token(TOKEN)
        .base_url(base_url)
        .timeout(Duration::from_secs(5))
        .max_retries(0);
    tune(builder).build().unwrap()
}

async fn list(client: &Client) -> Result<(), Error> {
    client
        .ai_gateway()
        .logs()
        .list("gw", &params(5))
        .await
        .map(drop)
}

// ---------------------------------------------------------------------------
// A raw HTTP/1.1 server, for bodies no mock library sends: huge, chunked
// without end, or a byte at a time.

/// What the raw server saw: connections accepted and body bytes written.
#[derive(Default)]
struct Seen {
    connections: AtomicUsize,
    body_bytes: AtomicU64,
}

/// Answers every connection on a thread: reads the request head, writes
/// `head`, then calls `body` with the stream until it returns (a write error
/// means the client hung up). Returns the base URL and what was seen.
fn raw_server(
    head: &'static str,
    body: fn(&mut TcpStream, &Seen) -> std::io::Result<()>,
) -> (String, Arc<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base_url = format!("http://{}/client/v4", listener.local_addr().unwrap());
    let seen = Arc::new(Seen::default());
    let shared = seen.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            shared.connections.fetch_add(1, Ordering::SeqCst);
            let seen = shared.clone();
            thread::spawn(move || {
                let mut request = Vec::new();
                let mut byte = [0u8; 1];
                while !request.ends_with(b"\r\n\r\n") {
                    match stream.read(&mut byte) {
                        Ok(1) => request.push(byte[0]),
                        _ => return,
                    }
                }
                if stream.write_all(head.as_bytes()).is_ok() {
                    let _ = body(&mut stream, &seen);
                }
            });
        }
    });
    (base_url, seen)
}

/// Writes `bytes` of body, counting what the client took.
fn write_counted(stream: &mut TcpStream, seen: &Seen, bytes: &[u8]) -> std::io::Result<()> {
    stream.write_all(bytes)?;
    seen.body_bytes
        .fetch_add(bytes.len() as u64, Ordering::SeqCst);
    Ok(())
}

#[tokio::test]
async fn a_body_announced_over_the_limit_is_refused_before_reading_it() {
    // 2 GiB announced; not a byte of it is ever sent.
    let (base_url, seen) = raw_server(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2147483648\r\n\r\n",
        |_, _| {
            thread::sleep(Duration::from_secs(5));
            Ok(())
        },
    );
    let client = client(&base_url, |b| b.max_response_bytes(64 * KIB));
    let started = Instant::now();
    let error = list(&client).await.unwrap_err();
    // Reading would have waited for the body until the 5 s timeout.
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(
            error,
            Error::ResponseTooLarge {
                status: 200,
                limit: 65536
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "response body exceeds the limit of 65536 bytes (HTTP 200); see `max_response_bytes`"
    );
    assert_eq!(error.status(), Some(200));
    assert!(!error.is_retryable());
    assert_eq!(seen.body_bytes.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_chunked_body_without_length_stops_at_the_limit() {
    // Up to 256 MiB in 64 KiB chunks, no Content-Length.
    let (base_url, seen) = raw_server(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        |stream, seen| {
            let chunk = vec![b' '; 64 * 1024];
            let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
            framed.extend_from_slice(&chunk);
            framed.extend_from_slice(b"\r\n");
            for _ in 0..4096 {
                write_counted(stream, seen, &framed)?;
            }
            stream.write_all(b"0\r\n\r\n")
        },
    );
    let client = client(&base_url, |b| b.max_response_bytes(MIB));
    let started = Instant::now();
    let error = list(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::ResponseTooLarge { status: 200, limit } if limit == MIB),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // Let the server notice the hang-up, then count: the client read about
    // 1 MiB; the rest of what was written sits in the sockets' buffers.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let written = seen.body_bytes.load(Ordering::SeqCst);
    assert!(
        written < 24 * MIB,
        "the server wrote {written} bytes of 256 MiB"
    );
}

#[tokio::test]
async fn the_default_limit_is_32_mib() {
    let (base_url, _) = raw_server(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 33554433\r\n\r\n",
        |_, _| Ok(()),
    );
    let error = list(&client(&base_url, |b| b)).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseTooLarge {
                limit: 33554432,
                ..
            }
        ),
        "{error:?}"
    );
}

/// A body announced as 1,000 bytes, sent one byte every 50 ms.
fn trickle(stream: &mut TcpStream, seen: &Seen) -> std::io::Result<()> {
    for _ in 0..1000 {
        write_counted(stream, seen, b" ")?;
        thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

const TRICKLE_HEAD: &str =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";

#[tokio::test]
async fn a_trickling_body_is_cut_off_by_the_whole_call_budget() {
    let (base_url, seen) = raw_server(TRICKLE_HEAD, trickle);
    // 300 ms an attempt, 5 retries, 1 s in all: without the budget this is
    // 6 attempts and about 15 s of backoff.
    let client = client(&base_url, |b| {
        b.timeout(Duration::from_millis(300))
            .total_timeout(Duration::from_secs(1))
            .max_retries(5)
    });
    let started = Instant::now();
    let error = list(&client).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert!(
        elapsed >= Duration::from_millis(300) && elapsed < Duration::from_millis(1500),
        "{elapsed:?}"
    );
    // The first attempt times out at 300 ms; a retry after a 375-500 ms wait
    // fits, another wait after it does not.
    let connections = seen.connections.load(Ordering::SeqCst);
    assert!((1..=2).contains(&connections), "{connections} attempts");
}

#[tokio::test]
async fn by_default_the_timeout_bounds_the_whole_call() {
    let (base_url, seen) = raw_server(TRICKLE_HEAD, trickle);
    let client = client(&base_url, |b| {
        b.timeout(Duration::from_millis(300)).max_retries(2)
    });
    let started = Instant::now();
    let error = list(&client).await.unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_millis(700),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(seen.connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_retry_wait_past_the_budget_is_not_made() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("retry-after", "30")
                .set_body_string("busy"),
        )
        .mount(&server)
        .await;
    let client = client(&format!("{}/client/v4", server.uri()), |b| {
        b.max_retries(3).total_timeout(Duration::from_millis(400))
    });
    let started = Instant::now();
    let error = list(&client).await.unwrap_err();
    // The server's 30 s wait would end past the 400 ms budget: no retry.
    assert!(matches!(error, Error::Api { status: 503, .. }), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

// ---------------------------------------------------------------------------
// Credentials echoed back.

/// Display, alternate Debug, and every source of `error`, in one text.
fn everything_printed(error: &Error) -> String {
    let mut text = format!("{error}\n{error:?}\n{error:#?}");
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!("\n{cause}\n{cause:?}"));
        source = cause.source();
    }
    text
}

fn assert_redacted(error: &Error, secrets: &[&str]) {
    let printed = everything_printed(error);
    for secret in secrets {
        assert!(!printed.contains(secret), "{secret} in:\n{printed}");
    }
    assert!(printed.contains("[redacted]"), "{printed}");
}

async fn server_answering(response: ResponseTemplate) -> (MockServer, String) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(response)
        .mount(&server)
        .await;
    let base_url = format!("{}/client/v4", server.uri());
    (server, base_url)
}

fn json(status: u16, body: String) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.into_bytes(), "application/json")
}

#[tokio::test]
async fn a_token_echoed_in_error_messages_is_redacted() {
    let body = format!(
        r#"{{"success":false,"errors":[{{"code":10000,"message":"Invalid token {TOKEN}","documentation_url":"https://x.test/?t={TOKEN}","source":{{"pointer":"/Bearer {TOKEN}"}}}},{{"code":1,"message":"Authorization: Bearer {TOKEN}"}}],"messages":[{{"code":2,"message":"you sent {TOKEN}"}}],"result":null}}"#
    );
    let (_server, base_url) = server_answering(json(403, body)).await;
    let error = list(&client(&base_url, |b| b)).await.unwrap_err();
    assert_redacted(&error, &[TOKEN]);
    assert_eq!(
        error.to_string(),
        "API error (HTTP 403): [10000] Invalid token [redacted] (and 1 more)"
    );
    let Error::Api {
        errors, messages, ..
    } = &error
    else {
        panic!("expected Api, got {error:?}")
    };
    assert_eq!(errors[1].message, "Authorization: [redacted]");
    assert_eq!(messages[0].message, "you sent [redacted]");
}

#[tokio::test]
async fn credentials_echoed_in_a_body_that_is_not_json_are_redacted() {
    let body = format!(
        "<html><pre>X-Auth-Key: {API_KEY}\nX-Auth-Email: {EMAIL}\nencoded: owner%40example.com</pre></html>"
    );
    let (_server, base_url) =
        server_answering(ResponseTemplate::new(502).set_body_string(body)).await;
    let client = Client::builder()
        .api_key(API_KEY)
        .api_email(EMAIL)
        .base_url(base_url)
        .max_retries(0)
        .build()
        .unwrap();
    let error = list(&client).await.unwrap_err();
    assert_redacted(&error, &[API_KEY, EMAIL, "owner%40example.com"]);
    let Error::Api { body, .. } = &error else {
        panic!("expected Api, got {error:?}")
    };
    assert!(
        body.starts_with("<html><pre>X-Auth-Key: [redacted]"),
        "{body}"
    );
}

#[tokio::test]
async fn a_token_echoed_in_malformed_json_is_redacted_from_snippet_and_parser_message() {
    // Cut JSON holding the token.
    let cut = format!(r#"{{"success":true,"result":[{{"id":"{TOKEN}","#);
    // The token where a number belongs: serde_json quotes it in its message.
    let wrong_type = list_envelope(
        &[log_json(1).replace(r#""tokens_in":1"#, &format!(r#""tokens_in":"{TOKEN}""#))],
        None,
    );
    // The token across the 512-byte cut of the snippet: 6 of its bytes in it.
    let padding = " ".repeat(480);
    let across_the_cut = format!(r#"{{"success":true,{padding}"result":"{TOKEN}"}}"#);
    for body in [cut, wrong_type, across_the_cut] {
        let (_server, base_url) = server_answering(json(200, body.clone())).await;
        let error = list(&client(&base_url, |b| b)).await.unwrap_err();
        assert!(matches!(error, Error::Decode { .. }), "{error:?}");
        // A start of the token is a leak too.
        assert_redacted(&error, &[TOKEN, &TOKEN[..5]]);
    }
}

// ---------------------------------------------------------------------------
// Pages that would never end.

/// Serves pages by the `page` parameter from `page_body(n)`, counting requests.
#[derive(Clone)]
struct Pages {
    page_body: fn(usize) -> String,
    requests: Arc<AtomicUsize>,
}

impl Respond for Pages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "page")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(1);
        self.requests.fetch_add(1, Ordering::SeqCst);
        json(200, (self.page_body)(page))
    }
}

/// Lists every page with a client `tune` configures; returns the items,
/// the error that ended the stream, and how many requests were made.
async fn list_all(
    page_body: fn(usize) -> String,
    tune: impl FnOnce(ClientBuilder) -> ClientBuilder,
) -> (Vec<LogListResponse>, Option<Error>, usize) {
    let server = MockServer::start().await;
    let pages = Pages {
        page_body,
        requests: Arc::default(),
    };
    Mock::given(method("GET"))
        .respond_with(pages.clone())
        .mount(&server)
        .await;
    let client = client(&format!("{}/client/v4", server.uri()), tune);
    let stream = client.ai_gateway().logs().list_auto_paging("gw", params(3));
    let collected = tokio::time::timeout(Duration::from_secs(10), async {
        let mut stream = std::pin::pin!(stream);
        let (mut items, mut error) = (Vec::new(), None);
        while let Some(next) = stream.next().await {
            assert!(error.is_none(), "an item after the error");
            match next {
                Ok(item) => items.push(item),
                Err(e) => error = Some(e),
            }
        }
        (items, error)
    })
    .await
    .expect("the stream ends");
    (
        collected.0,
        collected.1,
        pages.requests.load(Ordering::SeqCst),
    )
}

/// Page A (logs 1-3) on odd pages, B (logs 4-6) on even ones; no totals.
fn alternating(page: usize) -> String {
    let ids = if page % 2 == 1 { 1..4 } else { 4..7 };
    list_body(ids, None)
}

#[tokio::test]
async fn alternating_pages_end_at_the_first_repeat() {
    let (items, error, requests) = list_all(alternating, |b| b).await;
    assert_eq!(items.len(), 6);
    assert!(
        matches!(error, Some(Error::PaginationRepeated { page: 3 })),
        "{error:?}"
    );
    assert_eq!(requests, 3);
}

#[tokio::test]
async fn rotating_the_same_items_is_a_repeat() {
    fn rotating(page: usize) -> String {
        let mut logs: Vec<String> = (1..4).map(log_json).collect();
        logs.rotate_left(page % 3);
        list_envelope(&logs, None)
    }
    let (items, error, requests) = list_all(rotating, |b| b).await;
    assert_eq!(items.len(), 3);
    assert!(
        matches!(error, Some(Error::PaginationRepeated { page: 2 })),
        "{error:?}"
    );
    assert_eq!(requests, 2);
}

#[tokio::test]
async fn fields_outside_the_items_do_not_hide_a_repeat() {
    // A and B alternate, but every response has its own result_info and messages.
    fn stamped(page: usize) -> String {
        let ids = if page % 2 == 1 { 1..4 } else { 4..7 };
        let info = format!(r#"{{"page":{page},"per_page":3,"request_id":"r-{page}"}}"#);
        list_body(ids, Some(&info)).replace(
            r#""messages":[]"#,
            &format!(r#""messages":[{{"code":{page},"message":"served at {page}"}}]"#),
        )
    }
    let (items, error, requests) = list_all(stamped, |b| b).await;
    assert_eq!(items.len(), 6);
    assert!(
        matches!(error, Some(Error::PaginationRepeated { page: 3 })),
        "{error:?}"
    );
    assert_eq!(requests, 3);
}

/// Full pages of new logs forever, claiming 3 pages more than it sent each time.
fn endless(page: usize) -> String {
    let start = (page - 1) * 3 + 1;
    let info = format!(
        r#"{{"page":{page},"per_page":3,"total_count":{}}}"#,
        (page + 3) * 3
    );
    list_body(start..start + 3, Some(&info))
}

#[tokio::test]
async fn the_first_reported_total_bounds_a_growing_list() {
    // Page 1 reports 12 logs: 4 pages, whatever later pages claim.
    let (items, error, requests) = list_all(endless, |b| b).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(items.len(), 12);
    assert_eq!(requests, 4);
}

#[tokio::test]
async fn the_page_limit_ends_an_endless_list() {
    fn huge_total(page: usize) -> String {
        let start = (page - 1) * 3 + 1;
        let info = format!(r#"{{"page":{page},"per_page":3,"total_count":1000000000000000}}"#);
        list_body(start..start + 3, Some(&info))
    }
    let (items, error, requests) = list_all(huge_total, |b| b.max_pages(5)).await;
    assert_eq!(items.len(), 15);
    assert!(
        matches!(error, Some(Error::PaginationLimit { pages: 5 })),
        "{error:?}"
    );
    assert_eq!(
        error.unwrap().to_string(),
        "pagination stopped after 5 pages, the limit; see `max_pages`"
    );
    assert_eq!(requests, 5, "no request past the limit");
    // The default limit is 10,000 pages.
    let client = client("http://127.0.0.1:9", |b| b);
    assert!(
        format!("{client:?}").contains("max_pages: 10000"),
        "{client:?}"
    );
}

// ---------------------------------------------------------------------------
// Only 2xx is success.

#[tokio::test]
async fn a_redirect_with_a_json_body_is_an_error_and_not_followed() {
    for status in [300, 301, 302, 307, 308] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                json(status, list_body(1..4, None))
                    .insert_header("location", format!("{}/elsewhere", server.uri())),
            )
            .mount(&server)
            .await;
        let client = client(&format!("{}/client/v4", server.uri()), |b| b.max_retries(2));
        let error = list(&client).await.unwrap_err();
        assert!(
            matches!(&error, Error::Api { status: s, .. } if *s == status),
            "{status}: {error:?}"
        );
        assert_eq!(error.to_string(), format!("API error (HTTP {status})"));
        assert!(!error.is_retryable());
        assert_eq!(
            server.received_requests().await.unwrap().len(),
            1,
            "{status}"
        );
    }
}

// ---------------------------------------------------------------------------
// Duplicate keys, and -0 in an integer field.

async fn decode_error(body: String) -> String {
    let (_server, base_url) = server_answering(json(200, body)).await;
    match list(&client(&base_url, |b| b)).await {
        Err(Error::Decode { source, .. }) => source.to_string(),
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn a_duplicate_key_is_an_error_at_every_level() {
    let log = log_json(1);
    let known = log.replacen(r#"{"id":"log-1","#, r#"{"id":"log-1","id":"log-2","#, 1);
    let unknown = log.replacen(r#"{"id""#, r#"{"new":1,"new":2,"id""#, 1);
    let nested = log.replacen(r#"{"id""#, r#"{"new":{"a":1,"a":2},"id""#, 1);
    for item in [known, unknown, nested] {
        let message = decode_error(list_envelope(std::slice::from_ref(&item), None)).await;
        assert!(message.contains("duplicate field"), "{item}: {message}");
    }
    // The envelope and result_info follow the same rule.
    let envelope =
        list_body(1..2, None).replacen(r#""success":true"#, r#""success":true,"success":false"#, 1);
    assert!(decode_error(envelope)
        .await
        .contains("duplicate field `success`"));
    let info = list_body(1..2, Some(r#"{"page":1,"page":2}"#));
    assert!(decode_error(info).await.contains("duplicate field `page`"));
    // -0 in an integer field is not read as 0: serde_json hands it over as
    // the float -0.0, which an integer field refuses like any float.
    let minus_zero = list_envelope(
        &[log.replace(r#""tokens_in":1"#, r#""tokens_in":-0"#)],
        None,
    );
    let message = decode_error(minus_zero).await;
    assert!(
        message.contains("invalid type: floating point `-0.0`"),
        "{message}"
    );
}
