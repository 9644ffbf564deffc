//! Change report speed: what `cargo xtask changes` and `regenerate` add after
//! reading the old schema from git (model both sides, compare), on the real
//! schema and on a synthetic 1,000-operation one, each with a few edits.

#[path = "support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

/// The real schema's files, as `cargo xtask regenerate` reads them.
fn real_schema() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    codegen::load::read_dir(&root).expect("schema/ reads")
}

/// Every file with each `(from, to)` replaced once where it occurs.
fn edited(files: &[(String, String)], edits: &[(&str, &str)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(path, text)| {
            let text = edits
                .iter()
                .fold(text.clone(), |text, (from, to)| text.replacen(from, to, 1));
            (path.clone(), text)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let cases = [
        (
            "real_schema",
            real_schema(),
            vec![
                ("maximum: 50", "maximum: 20"),
                ("    - dlp_action\n", ""),
                ("doc: The log's identifier.", "doc: The log's id."),
            ],
        ),
        (
            "synthetic_1000",
            synthetic::synthetic(1000),
            vec![
                ("maximum: 50", "maximum: 20"),
                ("model.type]", "model.type, extra]"),
                ("doc: Operation 7.", "doc: Operation seven."),
            ],
        ),
    ];
    let mut group = c.benchmark_group("changes");
    group.sample_size(10);
    for (name, old, edits) in cases {
        let new = edited(&old, &edits);
        let (old_model, new_model) = (
            codegen::model_texts(old.clone()).expect("old"),
            codegen::model_texts(new.clone()).expect("new"),
        );
        assert!(
            codegen::changes::compare(&old_model, &new_model).len() >= 3,
            "{name}"
        );
        group.bench_function(format!("{name}/compare"), |b| {
            b.iter(|| codegen::changes::compare(black_box(&old_model), black_box(&new_model)))
        });
        group.bench_function(format!("{name}/model_both_and_compare"), |b| {
            b.iter(|| {
                let old = codegen::model_texts(black_box(old.clone())).expect("old");
                let new = codegen::model_texts(black_box(new.clone())).expect("new");
                codegen::changes::compare(&old, &new)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
