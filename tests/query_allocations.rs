//! One encode makes one allocation: the output `String`. Counted with dhat's
//! allocator in testing mode (in its own test binary, so no other test's
//! allocations interfere).

use sdk_tests::params::{full, small};

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

#[test]
fn encoding_allocates_only_the_output() {
    let _profiler = dhat::Profiler::builder().testing().build();
    for (name, params) in [("full", full()), ("small", small())] {
        let before = dhat::HeapStats::get();
        let query = std::hint::black_box(&params).to_query_string();
        let after = dhat::HeapStats::get();
        assert!(!query.is_empty());
        assert_eq!(
            after.total_blocks - before.total_blocks,
            1,
            "{name}: allocations in one encode ({} bytes)",
            query.len()
        );
    }
}
