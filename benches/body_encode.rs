//! The edit operation's JSON body: the generated `LogEditParams::to_json_body`
//! (written field by field into one buffer) beside `serde_json::to_vec` of
//! the same value as a derived struct. Allocations of both are counted by
//! `tests/body_allocations.rs`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use sdk_tests::params::{edit, edit_serde};

fn bench(c: &mut Criterion) {
    let params = edit();
    let plain = edit_serde();
    assert_eq!(
        params.to_json_body(),
        serde_json::to_vec(&plain).unwrap(),
        "both write the same bytes"
    );
    c.bench_function("body_encode/generated", |b| {
        b.iter(|| black_box(&params).to_json_body())
    });
    c.bench_function("body_encode/serde_json_to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&plain)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
