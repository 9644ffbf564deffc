//! Cloudflare's whole OpenAPI document (issue 8: import plus generation under
//! 3 s on the 2-core machine, linear in the number of operations): the import
//! of the document, generation from the imported schema, and import plus
//! generation of every k-th operation, whose per-operation time
//! (`Throughput::Elements`) should not grow with the count.
//!
//! Generation allocates heavily; `cargo xtask` runs it with mimalloc, these
//! run with the system allocator (about a fifth slower, see the README).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use codegen::import::{self, Document, ImportConfig, Outcome};
use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};

const CONFIG: &str = "import/cloudflare.yaml";

fn read(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The import configuration taking only `ids` (every operation when empty),
/// without its overlays: an overlay of a module none of `ids` reaches is an
/// error (it names nothing the import writes).
fn selecting(config: &ImportConfig, ids: &[String]) -> ImportConfig {
    let mut config = config.clone();
    config.select.operation_ids = ids.to_vec();
    config.overlay.clear();
    config
}

fn bench(c: &mut Criterion) {
    // `cargo test --benches` (CI) runs each case once, unoptimised, to prove
    // the bench works: there a few dozen operations stand for the whole API,
    // which would take minutes. `cargo bench` passes `--bench`.
    let full = std::env::args().any(|arg| arg == "--bench");
    let all = ImportConfig::parse(CONFIG, &read(CONFIG)).expect("the configuration reads");
    let text = read(&all.document);
    let api = read(&all.api);
    let document = Document::parse(&all.document, &text).expect("the document parses");
    let carried: Vec<String> = import::import(&document, &all, &api)
        .expect("imports")
        .operations
        .into_iter()
        .filter(|report| !matches!(report.outcome, Outcome::Skipped(_)))
        .map(|report| report.id)
        .collect();
    let config = if full {
        all.clone()
    } else {
        selecting(&all, &every(&carried, 50))
    };

    let mut group = c.benchmark_group("whole_api");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(if full { 30 } else { 1 }));
    group.bench_function("import", |b| {
        b.iter(|| {
            let document = Document::parse(&config.document, black_box(&text)).expect("parses");
            import::import(&document, &config, &api).expect("imports")
        })
    });
    let imported = import::import(&document, &config, &api).expect("imports");
    group.bench_function("generate", |b| {
        b.iter(|| codegen::generate_texts(black_box(imported.files.clone())).expect("generates"))
    });
    group.finish();

    // Every k-th operation the import carries, so each subset spans every
    // group of the document.
    let mut group = c.benchmark_group("whole_api/import_and_generate");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(if full { 20 } else { 1 }));
    let steps: &[usize] = if full { &[8, 4, 2, 1] } else { &[200, 100] };
    for &step in steps {
        let ids = every(&carried, step);
        let config = selecting(&all, &ids);
        group.throughput(Throughput::Elements(ids.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(ids.len()),
            &config,
            |b, config| {
                b.iter(|| {
                    let imported = import::import(&document, config, &api).expect("imports");
                    codegen::generate_texts(imported.files).expect("generates")
                })
            },
        );
    }
    group.finish();
}

/// Every `step`-th of `ids`, starting with the first.
fn every(ids: &[String], step: usize) -> Vec<String> {
    ids.iter().step_by(step).cloned().collect()
}

criterion_group!(benches, bench);
criterion_main!(benches);
