//! Decoding a List Gateway Logs response: `fixtures/page50.json` (50 logs,
//! 26 KB) and `fixtures/page1000.json` (1000 logs, 531 KB), through the
//! generated code (`envelope::decode_page` into `LogListResponse`) and
//! through `serde_json::from_slice` into a plain `#[derive(Deserialize)]`
//! struct with the same fields, written here. Throughput is in bytes of JSON.
//!
//! Compare with conventions §7: cloudflare-go decodes at 11-12 MB/s, Go's
//! plain decoder at 42 MB/s; the aim is serde_json's own speed.

use std::hint::black_box;
use std::time::Duration;

use cloudflare_api::ai_gateway::logs::{LogListResponse, LogListResultInfo};
use cloudflare_api::runtime::envelope::decode_page;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde::{Deserialize, Deserializer};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The hand-written baseline: the same envelope and fields, every one typed
/// as the generated code types it, date-times parsed the same way.
#[derive(Deserialize)]
#[allow(dead_code)] // Fields are read by the decoder only.
struct Envelope {
    success: bool,
    #[serde(default)]
    errors: Vec<Message>,
    #[serde(default)]
    messages: Vec<Message>,
    result: Vec<Log>,
    result_info: Option<ResultInfo>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Message {
    code: Option<i64>,
    message: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Log {
    id: String,
    cached: bool,
    #[serde(deserialize_with = "rfc3339")]
    created_at: OffsetDateTime,
    duration: i64,
    model: String,
    path: String,
    provider: String,
    success: bool,
    tokens_in: Option<i64>,
    tokens_out: Option<i64>,
    cost: Option<f64>,
    custom_cost: Option<bool>,
    metadata: Option<String>,
    model_type: Option<String>,
    request_content_type: Option<String>,
    request_type: Option<String>,
    response_content_type: Option<String>,
    status_code: Option<i64>,
    step: Option<i64>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct ResultInfo {
    count: Option<i64>,
    page: Option<i64>,
    per_page: Option<i64>,
    total_count: Option<i64>,
    max_cost: Option<f64>,
    max_duration: Option<f64>,
    max_tokens_in: Option<f64>,
    max_tokens_out: Option<f64>,
    max_total_tokens: Option<f64>,
    min_cost: Option<f64>,
    min_duration: Option<f64>,
    min_tokens_in: Option<f64>,
    min_tokens_out: Option<f64>,
    min_total_tokens: Option<f64>,
}

fn rfc3339<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
    let text = <&str>::deserialize(deserializer)?;
    OffsetDateTime::parse(text, &Rfc3339).map_err(serde::de::Error::custom)
}

fn fixture(name: &str) -> Vec<u8> {
    sdk_tests::read_reference(&format!("fixtures/{name}"))
}

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    group.measurement_time(Duration::from_secs(5));
    for name in ["page50.json", "page1000.json"] {
        let bytes = fixture(name);
        // Both decoders read the whole fixture, and agree on what is in it.
        let generated = decode_page::<LogListResponse, LogListResultInfo>(200, &bytes).unwrap();
        let plain: Envelope = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(generated.result.len(), plain.result.len());
        assert!(generated.result.iter().zip(&plain.result).all(|(g, p)| {
            g.id == p.id && g.created_at == p.created_at && g.cost == p.cost && g.extra.is_empty()
        }));

        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("generated", name), &bytes, |b, bytes| {
            b.iter(|| {
                decode_page::<LogListResponse, LogListResultInfo>(200, black_box(bytes)).unwrap()
            })
        });
        group.bench_with_input(
            BenchmarkId::new("hand_written", name),
            &bytes,
            |b, bytes| b.iter(|| serde_json::from_slice::<Envelope>(black_box(bytes)).unwrap()),
        );
    }
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
