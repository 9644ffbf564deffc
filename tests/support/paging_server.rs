//! A loopback server of List Gateway Logs pages for the auto-paging
//! benchmark and memory test: `reference/fixtures/page1000.json` (1000 logs)
//! as every page, its ids made unique per page, answered after a delay.
//! Plain threads and `std::net`, HTTP/1.1 with keep-alive.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cloudflare_api::ai_gateway::logs::{LogListResponse, LogListResultInfo};
use cloudflare_api::runtime::envelope::decode_page;
use cloudflare_api::runtime::http::{
    AuthScheme, HttpClient, HttpConfig, Method, DEFAULT_MAX_RESPONSE_BYTES,
};
use cloudflare_api::runtime::paginate::{PageParams, DEFAULT_MAX_PAGES};
use cloudflare_api::runtime::secret::Secret;
use cloudflare_api::{Error, Page};

/// Logs on each page the server sends.
pub const PER_PAGE: usize = 1000;

/// A server of `pages` pages of [`PER_PAGE`] logs each.
pub struct PagingServer {
    /// `http://127.0.0.1:<port>`.
    pub base_url: String,
    requests: Arc<AtomicUsize>,
    connections: Arc<AtomicUsize>,
    pages: Arc<AtomicUsize>,
}

impl PagingServer {
    /// Starts serving on 127.0.0.1; each page is answered `delay` after it is asked for.
    pub fn start(pages: usize, delay: Duration) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        let template = Arc::new(crate::read_reference_text("fixtures/page1000.json"));
        let requests = Arc::new(AtomicUsize::new(0));
        let connections = Arc::new(AtomicUsize::new(0));
        let counted = requests.clone();
        let connected = connections.clone();
        let pages = Arc::new(AtomicUsize::new(pages));
        let total_pages = pages.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                connected.fetch_add(1, Ordering::SeqCst);
                let template = template.clone();
                let counted = counted.clone();
                let pages = total_pages.clone();
                std::thread::spawn(move || serve(stream, &template, &pages, delay, &counted));
            }
        });
        Self {
            base_url,
            requests,
            connections,
            pages,
        }
    }

    /// Serves `pages` pages from now on, and counts requests from 0.
    pub fn reset(&self, pages: usize) {
        self.pages.store(pages, Ordering::SeqCst);
        self.requests.store(0, Ordering::SeqCst);
    }

    /// How many connections were opened.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// How many requests were answered or are being answered.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// Answers the requests of one connection until it closes.
fn serve(
    stream: TcpStream,
    template: &str,
    pages: &AtomicUsize,
    delay: Duration,
    counted: &AtomicUsize,
) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut writer = stream;
    loop {
        let mut target = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if line == "\r\n" {
                break;
            }
            if target.is_none() {
                target = line.split(' ').nth(1).map(str::to_owned);
            }
        }
        let answer_at = Instant::now() + delay;
        counted.fetch_add(1, Ordering::SeqCst);
        let page = target
            .as_deref()
            .and_then(|t| t.split(['?', '&']).find_map(|p| p.strip_prefix("page=")))
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(1);
        let body = page_body(template, page, pages.load(Ordering::SeqCst));
        std::thread::sleep(answer_at.saturating_duration_since(Instant::now()));
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        if writer.write_all(head.as_bytes()).is_err() || writer.write_all(body.as_bytes()).is_err()
        {
            return;
        }
    }
}

/// Page `page` of `pages`: the template's logs with ids unique to the page,
/// or no logs past the end. One pass over the template.
pub fn page_body(template: &str, page: usize, pages: usize) -> String {
    let info_from = "\"page\":1,\"per_page\":1000,\"total_count\":18437";
    let info_to = format!(
        "\"page\":{page},\"per_page\":{PER_PAGE},\"total_count\":{}",
        pages * PER_PAGE
    );
    let (logs, info) =
        template.split_at(template.find(info_from).expect("the fixture's result_info"));
    let info = info.replacen(info_from, &info_to, 1);
    if page > pages {
        let start = logs.find("\"result\":[").expect("result") + "\"result\":[".len();
        let end = logs.rfind("],\"result_info\"").expect("result_info");
        return format!("{}{}{info}", &logs[..start], &logs[end..]);
    }
    let id = format!("\"id\":\"p{page}-");
    let mut body = String::with_capacity(template.len() + PER_PAGE * id.len());
    for (n, part) in logs.split("\"id\":\"").enumerate() {
        if n > 0 {
            body.push_str(&id);
        }
        body.push_str(part);
    }
    body.push_str(&info);
    body
}

/// The parameters the paging runtime needs: the page, and [`PER_PAGE`].
#[derive(Debug, Clone, Default)]
pub struct LogPageParams {
    /// The page asked for.
    pub page: Option<i64>,
}

impl PageParams for LogPageParams {
    fn page(&self) -> Option<i64> {
        self.page
    }

    fn per_page(&self) -> Option<i64> {
        Some(PER_PAGE as i64)
    }

    fn with_page(&self, page: i64) -> Self {
        Self { page: Some(page) }
    }
}

/// The SDK's HTTP client for `base_url`: the defaults of the real schema.
pub fn http_client(base_url: &str) -> HttpClient {
    HttpClient::new(HttpConfig {
        base_url: base_url.to_owned(),
        timeout: Duration::from_secs(60),
        total_timeout: Duration::from_secs(60),
        max_retries: 0,
        max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        max_pages: DEFAULT_MAX_PAGES,
        user_agent: "paging-bench".to_owned(),
        auth_schemes: vec![AuthScheme {
            name: "api_token",
            headers: vec![("Authorization", Secret::new("Bearer t"))],
        }],
        client: None,
    })
    .expect("client")
}

/// One page of logs, fetched and decoded as the generated `list` does.
pub async fn fetch_page(
    client: HttpClient,
    params: LogPageParams,
) -> Result<Page<LogListResponse, LogListResultInfo>, Error> {
    let query = format!("page={}&per_page={PER_PAGE}", params.page.unwrap_or(1));
    let (status, body) = client.send(Method::GET, "logs", &query, None).await?;
    decode_page(status, &body)
}
