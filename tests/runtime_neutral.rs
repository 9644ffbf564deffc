//! The runtime every generated SDK carries speaks of no particular API: an
//! SDK generated for another vendor (the `no_envelope` fixture) has no
//! Cloudflare wording in `src/runtime/`.

use sdk_tests::root;

#[test]
fn the_runtime_names_no_vendor() {
    let files = codegen::generate_dir(&root().join("tests/fixtures/schemas/no_envelope"))
        .expect("fixture generates");
    let runtime: Vec<_> = files
        .iter()
        .filter(|f| f.path.starts_with("src/runtime/"))
        .collect();
    assert!(runtime.len() > 5, "the runtime files are generated");
    for file in runtime {
        for (n, line) in file.contents.lines().enumerate() {
            assert!(
                !line.to_ascii_lowercase().contains("cloudflare"),
                "{}:{}: {line}",
                file.path,
                n + 1
            );
        }
    }
}
