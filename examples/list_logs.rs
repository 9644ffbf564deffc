//! Lists the newest logs of an AI Gateway as a table.
//!
//! ```text
//! export CLOUDFLARE_API_TOKEN=...            # or CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL
//! export CLOUDFLARE_ACCOUNT_ID=0d37909e38d3e99c29fa2cd343ac421a
//! cargo run --example list_logs -- my-gateway                    # successful requests
//! cargo run --example list_logs -- my-gateway "provider eq openai,anthropic"
//! cargo run --example list_logs -- my-gateway all                # no filter
//! ```
//!
//! The filter is `KEY OPERATOR VALUE[,VALUE...]`, for example `cost gt 0.01`;
//! values that read as `true`, `false` or a number are sent as such.
//! `CLOUDFLARE_BASE_URL` points the client elsewhere, e.g. at a mock server.

use std::process::ExitCode;

use cloudflare_api::ai_gateway::logs::{
    LogListParams, LogListParamsFilter, LogListParamsFiltersValue, LogListParamsOrderBy,
    LogListParamsOrderByDirection, LogListResponse,
};
use cloudflare_api::{Client, Error};

const USAGE: &str = "usage: list_logs GATEWAY_ID [FILTER]\n  \
    FILTER: `KEY OPERATOR VALUE[,VALUE...]` (default `success eq true`), or `all`\n  \
    environment: CLOUDFLARE_ACCOUNT_ID, and CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL)";

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let gateway_id = args
        .next()
        .ok_or_else(|| format!("no gateway id given\n{USAGE}"))?;
    let filter = args.next().unwrap_or_else(|| "success eq true".to_owned());
    if let Some(extra) = args.next() {
        return Err(format!("unexpected argument {extra:?}\n{USAGE}"));
    }
    let account_id = std::env::var("CLOUDFLARE_ACCOUNT_ID")
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| format!("CLOUDFLARE_ACCOUNT_ID is not set\n{USAGE}"))?;
    let client = Client::from_env().map_err(|e| format!("{e}\n{USAGE}"))?;

    let mut params = LogListParams::builder(account_id)
        .per_page(50)
        .order_by(LogListParamsOrderBy::CreatedAt)
        .order_by_direction(LogListParamsOrderByDirection::Desc);
    if filter != "all" {
        params = params.filters([parse_filter(&filter)?]);
    }
    let params = params.build().map_err(|e| e.to_string())?;

    let page = client
        .ai_gateway()
        .logs()
        .list(&gateway_id, &params)
        .await
        .map_err(|e| describe(&e))?;

    print_table(&page.result);
    let total = page
        .result_info
        .as_ref()
        .and_then(|info| info.total_count)
        .map_or_else(String::new, |total| format!(" of {total}"));
    println!("\n{} logs{total} (filter: {filter})", page.result.len());
    for message in &page.messages {
        println!("note: {}", message.message);
    }
    Ok(())
}

/// `KEY OPERATOR VALUE[,VALUE...]`.
fn parse_filter(text: &str) -> Result<LogListParamsFilter, String> {
    let mut parts = text.splitn(3, ' ');
    let (Some(key), Some(operator), Some(values)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(format!(
            "invalid filter {text:?}: expected `KEY OPERATOR VALUE[,VALUE...]`, e.g. `success eq true`"
        ));
    };
    let values = values.split(',').map(|value| match value.trim() {
        "true" => LogListParamsFiltersValue::Bool(true),
        "false" => LogListParamsFiltersValue::Bool(false),
        other => other
            .parse::<f64>()
            .map(LogListParamsFiltersValue::Number)
            .unwrap_or_else(|_| LogListParamsFiltersValue::String(other.to_owned())),
    });
    Ok(LogListParamsFilter::new(key, operator, values))
}

/// One line saying what went wrong, with the API's own messages.
fn describe(error: &Error) -> String {
    match error {
        Error::Api {
            status: 401 | 403, ..
        } => format!("{error}\ncheck the credentials and the account id"),
        Error::Api { errors, .. } if errors.len() > 1 => {
            let all: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
            format!("{error}: {}", all.join("; "))
        }
        Error::Transport(_) | Error::Timeout => {
            format!("{error}\nis the API (or CLOUDFLARE_BASE_URL) reachable?")
        }
        _ => error.to_string(),
    }
}

fn print_table(logs: &[LogListResponse]) {
    let rows: Vec<[String; 8]> = logs
        .iter()
        .map(|log| {
            [
                log.id.clone(),
                log.created_at
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_else(|_| log.created_at.to_string()),
                log.provider.clone(),
                log.model.clone(),
                log.tokens_in.map_or("-".into(), |n| n.to_string()),
                log.tokens_out.map_or("-".into(), |n| n.to_string()),
                log.cost.map_or("-".into(), |c| format!("${c:.6}")),
                format!("{} ms", log.duration),
            ]
        })
        .collect();
    let header = [
        "ID",
        "CREATED AT",
        "PROVIDER",
        "MODEL",
        "TOKENS IN",
        "TOKENS OUT",
        "COST",
        "DURATION",
    ];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    // Text left, numbers right.
    let right = [false, false, false, false, true, true, true, true];
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .zip(right)
            .map(|((cell, width), right)| {
                if right {
                    format!("{cell:>width$}")
                } else {
                    format!("{cell:<width$}")
                }
            })
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(&header.map(String::from));
    for row in &rows {
        line(row);
    }
}
