//! Auto-paging holds at most two pages: peak heap use does not grow with the
//! number of items. 5, then 50 pages of 1000 logs (0.5 MiB of JSON each)
//! from one loopback server, read through the runtime's `paginate`; heap
//! measured with dhat's allocator (in its own test binary, so no other
//! test's allocations count). The server runs in this process too: it holds
//! the page template (0.5 MiB) and builds one page body at a time.

use cloudflare_api::runtime::paginate::{paginate, DEFAULT_MAX_PAGES};
use futures::StreamExt;
use sdk_tests::paging_server::{fetch_page, http_client, LogPageParams, PagingServer, PER_PAGE};

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

/// Reads every log of a `pages`-page list; returns how many.
fn read_all(runtime: &tokio::runtime::Runtime, server: &PagingServer, pages: usize) -> usize {
    server.reset(pages);
    let client = http_client(&server.base_url);
    let count = runtime.block_on(async move {
        let stream = paginate(LogPageParams::default(), DEFAULT_MAX_PAGES, move |params| {
            fetch_page(client.clone(), params)
        });
        let mut stream = std::pin::pin!(stream);
        let mut count = 0;
        while let Some(log) = stream.next().await {
            std::hint::black_box(log.expect("a log"));
            count += 1;
        }
        count
    });
    assert_eq!(server.requests(), pages, "one request a page, none wasted");
    count
}

#[test]
fn peak_memory_is_flat_in_the_number_of_items() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let server = PagingServer::start(0, std::time::Duration::ZERO);
    assert_eq!(read_all(&runtime, &server, 5), 5 * PER_PAGE);
    let small = dhat::HeapStats::get().max_bytes;
    assert_eq!(read_all(&runtime, &server, 50), 50 * PER_PAGE);
    let large = dhat::HeapStats::get().max_bytes;
    eprintln!(
        "peak heap: {:.2} MiB reading 5,000 logs, {:.2} MiB after 50,000 more",
        small as f64 / 1048576.0,
        large as f64 / 1048576.0
    );
    // Peaks vary by up to about two pages with how the fetching task, the
    // server's thread and the reader interleave; a paginator that kept
    // items would grow by the 45 pages more (over 20 MiB).
    let page_json = sdk_tests::read_reference("fixtures/page1000.json").len();
    assert!(
        large < small + 3 * page_json,
        "peak grew from {small} to {large} bytes, more than three pages of {page_json}"
    );
    // Everything held at the peak, server included: a few pages' worth.
    assert!(large < 10 * page_json, "peak {large} bytes");
}
