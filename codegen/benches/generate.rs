//! Generation speed: the real schema, and synthetic schemas of 10, 100 and
//! 1,000 operations (each with its own params, enums, a filter object and a
//! response object), to show the cost grows linearly.

#[path = "support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use synthetic::synthetic;

fn bench(c: &mut Criterion) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    c.bench_function("generate/real_schema", |b| {
        b.iter(|| codegen::generate_dir(black_box(&schema)).expect("real schema generates"))
    });
    let mut group = c.benchmark_group("generate/synthetic");
    group.sample_size(10);
    // `cargo test --benches` (CI) runs each case once, unoptimised, to prove
    // the bench works; there the largest case would take half a minute and
    // proves nothing the others do not. `cargo bench` passes `--bench`.
    let sizes: &[usize] = if std::env::args().any(|arg| arg == "--bench") {
        &[10, 100, 1000]
    } else {
        &[10, 100]
    };
    for &n in sizes {
        let texts = synthetic(n);
        codegen::generate_texts(texts.clone()).expect("synthetic schema generates");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &texts, |b, texts| {
            b.iter(|| codegen::generate_texts(black_box(texts.clone())).expect("generates"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
