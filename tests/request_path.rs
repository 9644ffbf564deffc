//! The request path of List Gateway Logs (conventions §4): each path
//! parameter is exactly one percent-encoded segment; `.`, `..` and empty
//! values, and gateway ids outside 1..=64 characters, are refused.

use cloudflare_api::ai_gateway::logs::LogListParams;
use cloudflare_api::{Rule, ValidationError};

const ACCOUNT: &str = "0d37909e38d3e99c29fa2cd343ac421a";

fn path(gateway_id: &str) -> Result<String, ValidationError> {
    LogListParams::builder(ACCOUNT)
        .build()
        .unwrap()
        .request_path(gateway_id)
}

fn path_for(account_id: &str, gateway_id: &str) -> Result<String, ValidationError> {
    LogListParams::builder(account_id)
        .build()
        .unwrap()
        .request_path(gateway_id)
}

fn expected(gateway_segment: &str) -> String {
    format!("accounts/{ACCOUNT}/ai-gateway/gateways/{gateway_segment}/logs")
}

fn error(param: &str, value: &str, rule: Rule) -> ValidationError {
    ValidationError::new(param, value, rule)
}

#[test]
fn plain_gateway_id() {
    assert_eq!(path("my-gateway").unwrap(), expected("my-gateway"));
}

#[test]
fn traversal_attempt_stays_one_segment() {
    assert_eq!(
        path("gw/../x y").unwrap(),
        "accounts/0d37909e38d3e99c29fa2cd343ac421a/ai-gateway/gateways/gw%2F..%2Fx%20y/logs"
    );
}

#[test]
fn path_always_has_the_same_number_of_segments() {
    for id in [
        "a", "a/b", "../..", "/", "//", "a/./b", "?x=1", "#frag", "x%2Fy",
    ] {
        let p = path(id).unwrap();
        assert_eq!(p.split('/').count(), 6, "{id:?} -> {p}");
        assert!(p.starts_with("accounts/") && p.ends_with("/logs"), "{p}");
        assert!(!p.contains(['?', '#']), "{p}");
    }
}

#[test]
fn dot_is_refused_naming_gateway_id() {
    assert_eq!(
        path(".").unwrap_err(),
        error("gateway_id", ".", Rule::PathSegment)
    );
}

#[test]
fn dot_dot_is_refused_naming_gateway_id() {
    assert_eq!(
        path("..").unwrap_err(),
        error("gateway_id", "..", Rule::PathSegment)
    );
}

#[test]
fn empty_gateway_id_is_refused_naming_gateway_id() {
    let err = path("").unwrap_err();
    assert_eq!(err.param, "gateway_id");
    assert_eq!(err.value, "");
    // Either rule names the problem; the length check comes first.
    assert!(
        matches!(err.rule, Rule::MinLength(1) | Rule::PathSegment),
        "{err:?}"
    );
    assert!(err.to_string().contains("gateway_id"), "{err}");
}

#[test]
fn refusal_messages_name_gateway_id() {
    for id in ["", ".", ".."] {
        let message = path(id).unwrap_err().to_string();
        assert!(message.starts_with("gateway_id:"), "{message}");
    }
}

#[test]
fn dots_that_are_not_a_whole_segment_are_kept() {
    assert_eq!(path("...").unwrap(), expected("..."));
    assert_eq!(path(".a").unwrap(), expected(".a"));
    assert_eq!(path("a..").unwrap(), expected("a.."));
    assert_eq!(path(". ").unwrap(), expected(".%20"));
}

#[test]
fn sixty_four_characters_are_accepted() {
    let id = "g".repeat(64);
    assert_eq!(path(&id).unwrap(), expected(&id));
}

#[test]
fn sixty_five_characters_are_refused() {
    let id = "g".repeat(65);
    assert_eq!(
        path(&id).unwrap_err(),
        error("gateway_id", &id, Rule::MaxLength(64))
    );
    let message = path(&id).unwrap_err().to_string();
    assert!(
        message.contains("gateway_id") && message.contains("64"),
        "{message}"
    );
}

#[test]
fn length_counts_characters_not_bytes() {
    // 64 two-byte characters: 128 bytes, 64 characters, accepted.
    let accented = "é".repeat(64);
    assert_eq!(path(&accented).unwrap(), expected(&"%C3%A9".repeat(64)));
    // 64 four-byte characters, accepted.
    let emoji = "😀".repeat(64);
    assert_eq!(path(&emoji).unwrap(), expected(&"%F0%9F%98%80".repeat(64)));
    // 65 of them, refused.
    let too_long = "é".repeat(65);
    assert_eq!(
        path(&too_long).unwrap_err(),
        error("gateway_id", &too_long, Rule::MaxLength(64))
    );
}

#[test]
fn length_counts_the_raw_value_not_its_encoding() {
    // 64 characters that each encode to three: still accepted.
    let id = "/".repeat(64);
    assert_eq!(path(&id).unwrap(), expected(&"%2F".repeat(64)));
}

#[test]
fn every_byte_but_unreserved_is_percent_encoded() {
    for byte in 1u8..0x80 {
        let c = char::from(byte);
        let id = format!("a{c}");
        let segment = if c.is_ascii_alphanumeric() || "-_.~".contains(c) {
            format!("a{c}")
        } else {
            format!("a%{byte:02X}")
        };
        assert_eq!(path(&id).unwrap(), expected(&segment), "byte {byte:#04x}");
    }
}

#[test]
fn space_is_percent_20_and_plus_is_escaped_in_paths() {
    assert_eq!(path("a b+c").unwrap(), expected("a%20b%2Bc"));
    assert_eq!(path("100%").unwrap(), expected("100%25"));
    assert_eq!(path("\0").unwrap(), expected("%00"));
}

#[test]
fn account_id_is_escaped_too() {
    assert_eq!(
        path_for("acct/../other x", "gw").unwrap(),
        "accounts/acct%2F..%2Fother%20x/ai-gateway/gateways/gw/logs"
    );
    assert_eq!(
        path_for("é", "gw").unwrap(),
        "accounts/%C3%A9/ai-gateway/gateways/gw/logs"
    );
}

#[test]
fn empty_account_id_is_refused_naming_account_id() {
    assert_eq!(
        path_for("", "gw").unwrap_err(),
        error("account_id", "", Rule::PathSegment)
    );
}

#[test]
fn dot_account_ids_are_refused_naming_account_id() {
    for account in [".", ".."] {
        let err = path_for(account, "gw").unwrap_err();
        assert_eq!(err, error("account_id", account, Rule::PathSegment));
        assert!(err.to_string().starts_with("account_id:"), "{err}");
    }
}

#[test]
fn path_does_not_depend_on_query_parameters() {
    let plain = path("gw").unwrap();
    let with_query = LogListParams::builder(ACCOUNT)
        .page(3)
        .per_page(7)
        .search("a/b")
        .build()
        .unwrap()
        .request_path("gw")
        .unwrap();
    assert_eq!(plain, with_query);
}

#[test]
fn deserialized_params_build_the_same_path() {
    let params: LogListParams = serde_json::from_str(r#"{"account_id": "a b/c"}"#).unwrap();
    assert_eq!(
        params.request_path("g").unwrap(),
        "accounts/a%20b%2Fc/ai-gateway/gateways/g/logs"
    );
}
