//! The change report against the Rust compiler: for a sample of the cases in
//! `tests/fixtures/changes/cases/` (`compile: true`), a user crate written
//! against the "before" crate (`tests/fixtures/changes/user/lib.rs`) is
//! compiled against the "after" crate. It must fail exactly when the report
//! says "fails to compile". One scratch workspace and one `cargo check` for
//! all cases; the target directory is shared with `tests/fixtures_compile.rs`.

#[path = "changes/cases.rs"]
mod cases;

use std::collections::BTreeMap;

use codegen::changes::{self, Effect};
use sdk_tests::root;
use sdk_tests::scratch::ScratchWorkspace;

/// The base crate is named `shop-sdk`; each crate here needs its own name.
fn renamed(texts: Vec<(String, String)>, crate_name: &str) -> Vec<(String, String)> {
    texts
        .into_iter()
        .map(|(path, text)| {
            let text = if path == "api.yaml" {
                text.replacen(
                    "crate_name: shop-sdk\n",
                    &format!("crate_name: {crate_name}\n"),
                    1,
                )
            } else {
                text
            };
            (path, text)
        })
        .collect()
}

fn write_sdk(scratch: &mut ScratchWorkspace, dir: &str, texts: Vec<(String, String)>) {
    let files = codegen::generate_texts(texts).unwrap_or_else(|e| panic!("{dir}: {e}"));
    codegen::output::sync(&scratch.member(dir), &files, false)
        .unwrap_or_else(|e| panic!("{dir}: {e}"));
}

fn write_user(scratch: &mut ScratchWorkspace, name: &str, sdk_dir: &str, sdk_package: &str) {
    let dir = scratch.member(name);
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [lib]\npath = \"../user.rs\"\n\n\
             [dependencies]\nshop_sdk = {{ package = \"{sdk_package}\", path = \"../{sdk_dir}\" }}\n"
        ),
    )
    .expect("manifest");
}

#[test]
fn what_the_report_calls_breaking_breaks_user_code_and_nothing_else_does() {
    let mut scratch = ScratchWorkspace::new("changes-crates");
    std::fs::copy(
        root().join("tests/fixtures/changes/user/lib.rs"),
        scratch.dir().join("user.rs"),
    )
    .expect("user code");

    write_sdk(
        &mut scratch,
        "sdk-before",
        renamed(cases::patched("base", &[]), "shop-sdk-before"),
    );
    write_user(&mut scratch, "user-before", "sdk-before", "shop-sdk-before");

    // Per case: whether the report says user code stops compiling.
    let mut claims = BTreeMap::new();
    for (name, case) in cases::all().into_iter().filter(|(_, case)| case.compile) {
        assert!(
            case.before.is_empty(),
            "{name}: sampled cases start from the base"
        );
        let (old, new) = cases::models(&name, &case);
        let breaks = changes::compare(&old, &new)
            .iter()
            .any(|c| c.effects.contains(&Effect::FailsToCompile));
        let slug = name.replace('_', "-");
        let (sdk, user, package) = (
            format!("sdk-{slug}"),
            format!("user-{slug}"),
            format!("shop-sdk-{slug}"),
        );
        write_sdk(
            &mut scratch,
            &sdk,
            renamed(cases::after(&name, &case), &package),
        );
        write_user(&mut scratch, &user, &sdk, &package);
        claims.insert(user, (name, breaks));
    }
    assert!(claims.len() >= 12, "only {} sampled cases", claims.len());
    assert!(
        claims.values().any(|(_, breaks)| *breaks) && claims.values().any(|(_, breaks)| !*breaks),
        "the sample needs cases of both kinds"
    );

    let output = scratch.run(&["check", "--workspace", "--keep-going", "--quiet"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let failed = |package: &str| stderr.contains(&format!("could not compile `{package}`"));

    assert!(
        !stderr.contains("could not compile `shop-sdk-") && !failed("user-before"),
        "the generated crates and the user code against the base must build:\n{stderr}"
    );
    let mut wrong = Vec::new();
    for (user, (name, breaks)) in &claims {
        if failed(user) != *breaks {
            wrong.push(format!(
                "{name}: the report says {}, but the user crate {}",
                if *breaks {
                    "it fails to compile"
                } else {
                    "it compiles"
                },
                if failed(user) { "fails" } else { "compiles" }
            ));
        }
    }
    assert!(wrong.is_empty(), "{}\n\n{stderr}", wrong.join("\n"));
}
