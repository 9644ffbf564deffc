//! The parameter sets the encode benchmark and the allocation test share.
// Deprecated parameters are set on purpose: a full query has every one.
#![allow(deprecated)]

use cloudflare_api::ai_gateway::logs::{
    LogListParams, LogListParamsFeedback, LogListParamsFilter, LogListParamsFiltersValue as V,
};
use time::macros::datetime;

const ACCOUNT: &str = "0d37909e38d3e99c29fa2cd343ac421a";

/// Every query parameter set, and 5 filters.
pub fn full() -> LogListParams {
    LogListParams::builder(ACCOUNT)
        .cached(false)
        .direction("desc")
        .end_date(datetime!(2024-02-01 10:00:00.25 -03:00))
        .feedback(LogListParamsFeedback::V1)
        .filters([
            LogListParamsFilter::new("provider", "eq", [V::from("openai"), V::from("anthropic")]),
            LogListParamsFilter::new("model", "contains", [V::from("gpt-4o mini")]),
            LogListParamsFilter::new("cost", "gt", [V::from(0.5)]),
            LogListParamsFilter::new("success", "eq", [V::from(true)]),
            LogListParamsFilter::new("metadata.value", "neq", [V::from("café/é")]),
        ])
        .max_cost(10.0)
        .max_duration(2000.0)
        .max_tokens_in(4096.0)
        .max_tokens_out(1024.0)
        .max_total_tokens(5120.0)
        .meta_info(true)
        .min_cost(0.000001)
        .min_duration(5.5)
        .min_tokens_in(1.0)
        .min_tokens_out(2.0)
        .min_total_tokens(3.0)
        .model("gpt-4o")
        .model_type("chat")
        .order_by("created_at")
        .order_by_direction("asc")
        .page(3)
        .per_page(50)
        .provider("openai")
        .request_content_type("application/json")
        .response_content_type("text/event-stream")
        .search("hello world")
        .start_date(datetime!(2019-12-27 18:11:19.117 UTC))
        .success(true)
        .build()
        .expect("valid parameters")
}

/// `page`, `per_page` and one filter.
pub fn small() -> LogListParams {
    LogListParams::builder(ACCOUNT)
        .page(2)
        .per_page(50)
        .filters([LogListParamsFilter::new(
            "provider",
            "eq",
            [V::from("openai")],
        )])
        .build()
        .expect("valid parameters")
}

/// A full edit body: both numbers and five metadata values.
pub fn edit() -> cloudflare_api::ai_gateway::logs::LogEditParams {
    use cloudflare_api::ai_gateway::logs::{LogEditParams, LogEditParamsMetadata as M};
    LogEditParams::builder(ACCOUNT)
        .feedback(-0.5)
        .score(87.25)
        .metadata([
            ("user".to_string(), M::from("u-8d1f4c")),
            ("session".to_string(), M::from("s-2024-02-01/é")),
            ("turn".to_string(), M::from(3.0)),
            ("cost_center".to_string(), M::from(1234.5)),
            ("internal".to_string(), M::from(true)),
        ])
        .build()
        .expect("valid edit params")
}

/// The same body as a plain serde struct, for `serde_json::to_vec`.
#[derive(serde::Serialize)]
pub struct EditBody {
    /// `feedback`.
    pub feedback: Option<f64>,
    /// `metadata`.
    pub metadata:
        std::collections::BTreeMap<String, cloudflare_api::ai_gateway::logs::LogEditParamsMetadata>,
    /// `score`.
    pub score: Option<f64>,
}

/// [`edit`]'s body as an [`EditBody`].
pub fn edit_serde() -> EditBody {
    let params = edit();
    EditBody {
        feedback: params.feedback().flatten(),
        metadata: params.metadata().flatten().cloned().unwrap_or_default(),
        score: params.score().flatten(),
    }
}
