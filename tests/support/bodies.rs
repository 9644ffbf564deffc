//! JSON bodies the way the API writes them.

/// An account identifier in Cloudflare's format.
pub const ACCOUNT_ID: &str = "0d37909e38d3e99c29fa2cd343ac421a";

/// One log with every field set; `n` makes the id and the numbers distinct.
pub fn log_json(n: usize) -> String {
    format!(
        concat!(
            r#"{{"id":"log-{n}","cached":false,"created_at":"2025-01-15T14:32:07.481Z","#,
            r#""duration":{duration},"model":"gpt-4o","path":"v1/chat/completions","#,
            r#""provider":"openai","success":true,"tokens_in":{n},"tokens_out":278,"#,
            r#""cost":0.01295,"custom_cost":false,"metadata":"{{\"user\":\"u_{n}\"}}","#,
            r#""model_type":"chat","request_content_type":"application/json","#,
            r#""request_type":"provider","response_content_type":"text/event-stream","#,
            r#""status_code":200,"step":0}}"#
        ),
        n = n,
        duration = 1000 + n,
    )
}

/// A successful list envelope holding `logs` (JSON objects) and, when given,
/// `result_info` (a JSON object).
pub fn list_envelope(logs: &[String], result_info: Option<&str>) -> String {
    let info = result_info
        .map(|info| format!(r#","result_info":{info}"#))
        .unwrap_or_default();
    format!(
        r#"{{"success":true,"errors":[],"messages":[],"result":[{}]{info}}}"#,
        logs.join(",")
    )
}

/// A successful list envelope with the logs numbered `ids`.
pub fn list_body(ids: impl IntoIterator<Item = usize>, result_info: Option<&str>) -> String {
    let logs: Vec<String> = ids.into_iter().map(log_json).collect();
    list_envelope(&logs, result_info)
}
