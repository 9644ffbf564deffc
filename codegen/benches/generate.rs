//! Generation speed: the real schema, and synthetic schemas of 10, 100 and
//! 1,000 operations (each with its own params, enums, a filter object and a
//! response object), to show the cost grows linearly.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// The real `api.yaml` and `n` operations spread over files of 10.
fn synthetic(n: usize) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let api = std::fs::read_to_string(root.join("api.yaml")).expect("schema/api.yaml");
    let mut files = vec![(
        "api.yaml".to_string(),
        api.replace(
            "  ai_gateway:\n    doc: Cloudflare AI Gateway.",
            "  synthetic:\n    doc: Synthetic.",
        ),
    )];
    for file in 0..n.div_ceil(10) {
        let mut text = String::from("doc: Synthetic resource.\ntypes:\n");
        let ops = (file * 10..((file + 1) * 10).min(n)).collect::<Vec<_>>();
        for op in &ops {
            text.push_str(&format!(
                "  Op{op}Order:\n    doc: Order.\n    string_enum: [asc, desc, created_at, model.type]\n\
                 \x20 Op{op}Filter:\n    doc: Filter.\n    object:\n      key:\n        type: Op{op}Order\n        required: true\n        doc: Key.\n      value:\n        type: {{array: string}}\n        required: true\n        doc: Values.\n\
                 \x20 Op{op}Item:\n    doc: Item.\n    object:\n      id:\n        type: string\n        required: true\n        doc: Id.\n      at:\n        type: string\n        format: date-time\n        doc: When.\n      count:\n        type: integer\n        nullable: true\n        required: true\n        doc: Count.\n\
                 \x20 Op{op}Info:\n    doc: Info.\n    object:\n      page:\n        type: number\n        doc: Page.\n      per_page:\n        type: number\n        doc: Per page.\n      total_count:\n        type: number\n        doc: Total.\n"
            ));
        }
        text.push_str("operations:\n");
        for op in &ops {
            text.push_str(&format!(
                "  op{op}:\n    doc: Operation {op}.\n    method: GET\n    path: accounts/{{account_id}}/things/{{thing_id}}/op{op}\n    params_type: Op{op}Params\n    pagination: page_number\n    response:\n      page:\n        item: Op{op}Item\n        result_info: Op{op}Info\n    path_params:\n      account_id:\n        type: string\n        in: params\n        doc: Account.\n      thing_id:\n        type: string\n        in: argument\n        max_length: 64\n        doc: Thing.\n    query:\n      page:\n        type: integer\n        minimum: 1\n        doc: Page.\n      per_page:\n        type: integer\n        minimum: 1\n        maximum: 50\n        doc: Per page.\n      order:\n        type: Op{op}Order\n        doc: Order.\n      filters:\n        type: {{array: Op{op}Filter}}\n        doc: Filters.\n      since:\n        type: string\n        format: date-time\n        doc: Since.\n      cost:\n        type: number\n        deprecated: Old.\n        doc: Cost.\n"
            ));
        }
        files.push((format!("synthetic/r{file}.yaml"), text));
    }
    files
}

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
