//! Values the SDK does not know yet survive a decode and encode unchanged.
// This test uses deprecated items on purpose: they must still round-trip.
#![allow(deprecated)]

use cloudflare_api::ai_gateway::logs::{
    LogListParamsFeedback, LogListParamsFiltersKey, LogListParamsOrderBy, LogListResponse,
};
use serde_json::json;

#[test]
fn unknown_string_enum_value_round_trips() {
    let key: LogListParamsFiltersKey =
        serde_json::from_value(json!("prompt_hash")).expect("decodes");
    assert_eq!(
        key,
        LogListParamsFiltersKey::Unknown("prompt_hash".to_string())
    );
    assert_eq!(
        serde_json::to_value(&key).expect("encodes"),
        json!("prompt_hash")
    );
    assert_eq!(key.as_str(), "prompt_hash");
    // Known values still map to their variants, by text too.
    assert_eq!(
        "metadata.key".parse::<LogListParamsFiltersKey>(),
        Ok(LogListParamsFiltersKey::MetadataKey)
    );
    assert_eq!(LogListParamsOrderBy::ModelType.to_string(), "model_type");
}

#[test]
#[allow(deprecated)]
fn number_enum_reads_and_writes_numbers_and_keeps_unknown_ones() {
    let known: LogListParamsFeedback = serde_json::from_value(json!(1)).expect("decodes");
    assert_eq!(known, LogListParamsFeedback::V1);
    assert_eq!(serde_json::to_value(&known).expect("encodes"), json!(1));
    let unknown: LogListParamsFeedback = serde_json::from_value(json!(-1)).expect("decodes");
    assert_eq!(serde_json::to_value(&unknown).expect("encodes"), json!(-1));
    assert!(matches!(unknown, LogListParamsFeedback::Unknown(_)));
    assert!(
        serde_json::from_value::<LogListParamsFeedback>(json!("1")).is_err(),
        "a string is not a number enum"
    );
}

#[test]
fn unknown_response_fields_are_kept_and_written_back() {
    let sent = json!({
        "id": "abc", "cached": false, "created_at": "2025-01-15T14:32:07.481Z", "duration": 10,
        "model": "m", "path": "p", "provider": "openai", "success": true,
        "tokens_in": null, "tokens_out": 3, "cost": 0.5,
        "request_head": {"x": [1, 2]}, "new_flag": true
    });
    let log: LogListResponse = serde_json::from_value(sent.clone()).expect("decodes");
    assert_eq!(log.tokens_in, None);
    assert_eq!(log.tokens_out, Some(3));
    assert_eq!(log.extra.get("new_flag"), Some(&json!(true)));
    assert_eq!(log.extra.get("request_head"), Some(&json!({"x": [1, 2]})));
    assert_eq!(log.created_at.millisecond(), 481);
    let written = serde_json::to_value(&log).expect("encodes");
    assert_eq!(
        written, sent,
        "optional fields the server did not send are not invented, unknown ones are kept"
    );
}

#[test]
fn a_missing_required_field_is_a_decode_error_naming_it() {
    let error =
        serde_json::from_value::<LogListResponse>(json!({"id": "abc"})).expect_err("incomplete");
    assert!(
        error.to_string().contains("missing field `cached`"),
        "{error}"
    );
}

#[test]
fn the_fixture_pages_decode_completely() {
    for name in ["page50.json", "page1000.json"] {
        let bytes = sdk_tests::read_reference(&format!("fixtures/{name}"));
        let page = cloudflare_api::runtime::envelope::decode_page::<
            LogListResponse,
            cloudflare_api::ai_gateway::logs::LogListResultInfo,
        >(200, &bytes)
        .expect("decodes");
        let raw: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
        assert_eq!(
            page.result.len(),
            raw["result"].as_array().map(Vec::len).unwrap_or(0),
            "{name}"
        );
        // Every log re-encodes to what was sent; a date-time may drop trailing
        // zeros of its fraction (`.670Z` -> `.67Z`), the same instant.
        let instant = |v: &serde_json::Value| {
            time::OffsetDateTime::parse(
                v.as_str().expect("text"),
                &time::format_description::well_known::Rfc3339,
            )
            .expect("date-time")
        };
        for (log, sent) in page
            .result
            .iter()
            .zip(raw["result"].as_array().into_iter().flatten())
        {
            let mut written = serde_json::to_value(log).expect("encodes");
            assert_eq!(
                instant(&written["created_at"]),
                instant(&sent["created_at"]),
                "{name}: {}",
                log.id
            );
            written["created_at"] = sent["created_at"].clone();
            assert_eq!(
                numbers_as_f64(written),
                numbers_as_f64(sent.clone()),
                "{name}: {}",
                log.id
            );
        }
    }
}

/// `0` and `0.0` are the same JSON number; `f64` fields write the latter.
fn numbers_as_f64(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Number(n) => json!(n.as_f64()),
        serde_json::Value::Array(items) => items.into_iter().map(numbers_as_f64).collect(),
        serde_json::Value::Object(map) => map
            .into_iter()
            .map(|(k, v)| (k, numbers_as_f64(v)))
            .collect(),
        other => other,
    }
}
