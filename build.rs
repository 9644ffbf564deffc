//! Fails the build of the test package, and so `cargo test`, when `generated/`
//! is not what `schema/` generates, naming the files and the command to run.

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for watched in ["schema", "generated", "codegen/runtime", "codegen/src"] {
        println!("cargo:rerun-if-changed={watched}");
    }
    match codegen::regenerate(&root.join("schema"), &root.join("generated"), true)
        .map_err(|error| error.in_dir("schema"))
    {
        Ok(sync) if sync.is_clean() => {}
        Ok(sync) => {
            let stale: Vec<String> = sync
                .changed
                .iter()
                .chain(&sync.removed)
                .map(|p| format!("generated/{p}"))
                .collect();
            eprintln!("error: generated code is stale: {}", stale.join(", "));
            eprintln!("run `{}` and commit the result", codegen::REGENERATE);
            std::process::exit(1);
        }
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    }
}
