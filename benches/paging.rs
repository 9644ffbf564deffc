//! Auto-paging 100,000 logs (100 pages of 1000, `page1000.json` with ids
//! made unique per page) from a loopback server that answers each page
//! after 20 ms, while the caller spends 20 ms on each page too.
//!
//! `prefetch` is the runtime's `paginate` (the next page is requested while
//! the caller reads this one): close to 100 × 20 ms. `sequential` fetches a
//! page only when the previous one is read, as auto-paging did before: close
//! to 100 × 40 ms. Peak memory is asserted by tests/paging_memory.rs.

use std::time::Duration;

use cloudflare_api::runtime::paginate::{paginate, DEFAULT_MAX_PAGES};
use criterion::{criterion_group, criterion_main, Criterion};
use futures::StreamExt;
use sdk_tests::paging_server::{fetch_page, http_client, LogPageParams, PagingServer, PER_PAGE};

const PAGES: usize = 100;
const SERVER_DELAY: Duration = Duration::from_millis(20);
const CALLER_WORK: Duration = Duration::from_millis(20);

fn paging(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let server = PagingServer::start(PAGES, SERVER_DELAY);
    let client = http_client(&server.base_url);
    let mut group = c.benchmark_group("auto_paging_100k");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(100));
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("prefetch", |b| {
        b.to_async(&runtime).iter(|| {
            let client = client.clone();
            async move {
                let stream = paginate(LogPageParams::default(), DEFAULT_MAX_PAGES, move |params| {
                    fetch_page(client.clone(), params)
                });
                let mut stream = std::pin::pin!(stream);
                let mut items = 0;
                while let Some(item) = stream.next().await {
                    item.expect("a log");
                    items += 1;
                    if items % PER_PAGE == 0 {
                        tokio::time::sleep(CALLER_WORK).await;
                    }
                }
                assert_eq!(items, PAGES * PER_PAGE);
            }
        })
    });
    group.bench_function("sequential", |b| {
        b.to_async(&runtime).iter(|| {
            let client = client.clone();
            async move {
                let mut items = 0;
                for page in 1..=PAGES as i64 {
                    let params = LogPageParams { page: Some(page) };
                    let page = fetch_page(client.clone(), params).await.expect("a page");
                    items += page.result.len();
                    tokio::time::sleep(CALLER_WORK).await;
                }
                assert_eq!(items, PAGES * PER_PAGE);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, paging);
criterion_main!(benches);
