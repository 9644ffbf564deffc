//! `list_auto_paging` against wiremock: a server answering by the `page`
//! query parameter and counting what it is asked.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use cloudflare_api::ai_gateway::logs::{LogListParams, LogListParamsFilter, LogListResponse};
use cloudflare_api::{Client, Error};
use futures::{Stream, StreamExt};
use sdk_tests::bodies::{list_body, ACCOUNT_ID};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Longest a whole stream may take; a hang fails the test instead of blocking it.
const LIMIT: Duration = Duration::from_secs(20);

/// Serves `total` logs numbered from 1, `per_page` to a page, by the `page`
/// query parameter, and records the pages asked for.
#[derive(Clone)]
struct Pages {
    total: usize,
    per_page: usize,
    /// Whether `result_info` reports `page`, `per_page` and `total_count`.
    report_totals: bool,
    /// A server that ignores `page`: always the first page.
    ignore_page: bool,
    /// This page answers 500.
    fail_on: Option<usize>,
    /// This page is answered after a delay.
    slow: Option<(usize, Duration)>,
    asked: Arc<Mutex<Vec<usize>>>,
}

impl Pages {
    fn new(total: usize, per_page: usize) -> Self {
        Self {
            total,
            per_page,
            report_totals: true,
            ignore_page: false,
            fail_on: None,
            slow: None,
            asked: Arc::default(),
        }
    }

    fn asked(&self) -> Vec<usize> {
        self.asked.lock().unwrap().clone()
    }

    async fn mount(&self) -> MockServer {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::method("GET"))
            .respond_with(self.clone())
            .mount(&server)
            .await;
        server
    }
}

impl Respond for Pages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page: usize = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "page")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(1);
        self.asked.lock().unwrap().push(page);
        if self.fail_on == Some(page) {
            return ResponseTemplate::new(500).set_body_string(
                r#"{"success":false,"errors":[{"code":10001,"message":"internal"}],"messages":[],"result":null}"#,
            );
        }
        let served = if self.ignore_page { 1 } else { page };
        let start = (served - 1) * self.per_page + 1;
        let end = (start + self.per_page).min(self.total + 1);
        let info = format!(
            r#"{{"page":{served},"per_page":{},"count":{},"total_count":{}}}"#,
            self.per_page,
            end.saturating_sub(start),
            self.total
        );
        let body = list_body(start..end, self.report_totals.then_some(info.as_str()));
        let mut response = ResponseTemplate::new(200).set_body_raw(body, "application/json");
        if let Some((slow_page, delay)) = self.slow {
            if slow_page == page {
                response = response.set_delay(delay);
            }
        }
        response
    }
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_token("tok")
        .base_url(format!("{}/client/v4", server.uri()))
        .max_retries(0)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn params(per_page: i64) -> LogListParams {
    LogListParams::builder(ACCOUNT_ID)
        .per_page(per_page)
        .filters([LogListParamsFilter::new("provider", "eq", ["openai"])])
        .build()
        .unwrap()
}

fn ids(items: &[LogListResponse]) -> Vec<String> {
    items.iter().map(|log| log.id.clone()).collect()
}

fn expected_ids(range: std::ops::RangeInclusive<usize>) -> Vec<String> {
    range.map(|n| format!("log-{n}")).collect()
}

/// Reads the stream to its end: the items, then the error if one came (it must be last).
async fn drain(
    stream: impl Stream<Item = Result<LogListResponse, Error>>,
) -> (Vec<LogListResponse>, Option<Error>) {
    tokio::time::timeout(LIMIT, async {
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
    .expect("the stream must end, not hang")
}

#[tokio::test]
async fn reported_totals_end_it_without_an_extra_request() {
    let pages = Pages::new(9, 3);
    let server = pages.mount().await;
    let client = client(&server);
    let stream = client.ai_gateway().logs().list_auto_paging("gw", params(3));
    let (items, error) = drain(stream).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(&items), expected_ids(1..=9));
    assert_eq!(pages.asked(), vec![1, 2, 3], "exactly 3 requests");
    // Every request keeps the caller's parameters and only changes `page`.
    let received = server.received_requests().await.unwrap();
    for (request, page) in received.iter().zip(1..) {
        assert_eq!(
            request.url.query(),
            Some(format!(
                "filters.key=provider&filters.operator=eq&filters.value=openai&page={page}&per_page=3"
            ))
            .as_deref()
        );
    }
}

#[tokio::test]
async fn without_totals_a_short_page_ends_it() {
    let pages = Pages {
        report_totals: false,
        ..Pages::new(8, 3)
    };
    let server = pages.mount().await;
    let client = client(&server);
    let (items, error) = drain(client.ai_gateway().logs().list_auto_paging("gw", params(3))).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(&items), expected_ids(1..=8));
    assert_eq!(pages.asked(), vec![1, 2, 3]);

    // A total that is a multiple of the page size: an empty page ends it.
    let pages = Pages {
        report_totals: false,
        ..Pages::new(6, 3)
    };
    let server = pages.mount().await;
    let client = self::client(&server);
    let (items, error) = drain(client.ai_gateway().logs().list_auto_paging("gw", params(3))).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(&items), expected_ids(1..=6));
    assert_eq!(pages.asked(), vec![1, 2, 3]);
}

#[tokio::test]
async fn default_page_size_and_a_starting_page() {
    // No per_page set: the server reports 20 a page; start at page 2.
    let pages = Pages::new(45, 20);
    let server = pages.mount().await;
    let client = client(&server);
    let params = LogListParams::builder(ACCOUNT_ID).page(2).build().unwrap();
    let (items, error) = drain(client.ai_gateway().logs().list_auto_paging("gw", params)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(&items), expected_ids(21..=45));
    assert_eq!(pages.asked(), vec![2, 3]);
}

#[tokio::test]
async fn a_server_ignoring_page_ends_with_an_error_after_the_second_page() {
    let pages = Pages {
        ignore_page: true,
        report_totals: false,
        ..Pages::new(1000, 3)
    };
    let server = pages.mount().await;
    let client = client(&server);
    let (items, error) = drain(client.ai_gateway().logs().list_auto_paging("gw", params(3))).await;
    assert_eq!(ids(&items), expected_ids(1..=3));
    assert!(
        matches!(error, Some(Error::PaginationRepeated { page: 2 })),
        "{error:?}"
    );
    assert_eq!(pages.asked(), vec![1, 2]);
    assert_eq!(
        error.unwrap().to_string(),
        "pagination stopped: page 2 repeats an earlier page"
    );
}

#[tokio::test]
async fn a_failure_on_page_three_comes_after_the_items_of_pages_one_and_two() {
    let pages = Pages {
        fail_on: Some(3),
        ..Pages::new(12, 3)
    };
    let server = pages.mount().await;
    let client = client(&server);
    let (items, error) = drain(client.ai_gateway().logs().list_auto_paging("gw", params(3))).await;
    assert_eq!(ids(&items), expected_ids(1..=6));
    let Some(error) = error else {
        panic!("expected an error after page 2");
    };
    assert!(
        matches!(&error, Error::Api { status: 500, errors, .. } if errors[0].code == Some(10001)),
        "{error:?}"
    );
    assert_eq!(
        pages.asked(),
        vec![1, 2, 3],
        "no retry, nothing after the error"
    );
}

#[tokio::test]
async fn dropping_the_stream_stops_requests() {
    let pages = Pages::new(30, 3);
    let server = pages.mount().await;
    let client = client(&server);
    let mut stream = Box::pin(client.ai_gateway().logs().list_auto_paging("gw", params(3)));
    // Page 1 and the first item of page 2.
    for expected in expected_ids(1..=4) {
        let item = tokio::time::timeout(LIMIT, stream.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        assert_eq!(item.id, expected);
    }
    drop(stream);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(pages.asked(), vec![1, 2]);

    // Nothing is asked before the stream is read.
    let pages = Pages::new(30, 3);
    let server = pages.mount().await;
    let client = self::client(&server);
    let stream = client.ai_gateway().logs().list_auto_paging("gw", params(3));
    tokio::time::sleep(Duration::from_millis(200)).await;
    drop(stream);
    assert!(pages.asked().is_empty());
}

#[tokio::test]
async fn dropping_the_stream_cancels_the_request_in_flight() {
    // Page 2 is slow; the reader gives up while it is on its way.
    let pages = Pages {
        slow: Some((2, Duration::from_secs(5))),
        ..Pages::new(30, 3)
    };
    let server = pages.mount().await;
    let client = client(&server);
    let mut stream = Box::pin(client.ai_gateway().logs().list_auto_paging("gw", params(3)));
    for _ in 0..3 {
        stream.next().await.unwrap().unwrap();
    }
    let waited = tokio::time::timeout(Duration::from_millis(300), stream.next()).await;
    assert!(waited.is_err(), "page 2 should still be on its way");
    let started = std::time::Instant::now();
    drop(stream);
    // Dropping does not wait for the slow response.
    assert!(started.elapsed() < Duration::from_secs(1));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(pages.asked(), vec![1, 2]);
}
