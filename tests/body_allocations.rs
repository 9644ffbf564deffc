//! Writing the edit operation's JSON body allocates once: the output buffer,
//! sized up front. Counted with dhat's allocator in testing mode (its own
//! test binary, so no other test's allocations interfere).

use sdk_tests::params::{edit, edit_serde};

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

#[test]
fn the_body_is_written_with_one_allocation() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let params = edit();
    let plain = edit_serde();

    let before = dhat::HeapStats::get();
    let body = std::hint::black_box(&params).to_json_body();
    let generated = dhat::HeapStats::get().total_blocks - before.total_blocks;

    let before = dhat::HeapStats::get();
    let reference = serde_json::to_vec(std::hint::black_box(&plain)).unwrap();
    let serde = dhat::HeapStats::get().total_blocks - before.total_blocks;

    assert_eq!(body, reference);
    assert_eq!(generated, 1, "generated: {} bytes", body.len());
    eprintln!("allocations: generated {generated}, serde_json::to_vec {serde}");
}
