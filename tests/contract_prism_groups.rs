//! Contract test of the shipped groups beyond AI Gateway (`dns`, `zones`):
//! every operation, called through the generated client, against Prism
//! mocking Cloudflare's whole vendored description with `--errors`. Each
//! call sends the required parameters, and where an operation has query
//! parameters or a body, another sets several optional ones. Every request
//! must pass Prism's checks (read from its log: with `--errors` a request
//! that breaks the description gets a 4xx), and each call must get a 2xx
//! whose body decodes, so Prism found no violation in the response either.
//! The exceptions are the description's own faults, each named where it is
//! worked around: its `security` (see `client_for`), the record union's
//! `required` list, and nine operations whose response Prism cannot give
//! as the description means it (`BrokenResponse`).
//!
//! Prism reads the whole 4 MB document: it answers in about 6 s on an idle
//! machine, 15 s while cargo builds beside it, within `prism::STARTUP_TIMEOUT`.
//! One Prism serves every call, so this is one test.
//!
//! Needs `node_modules/.bin/prism` (`npm ci`; the test runs it if missing).

#![allow(deprecated)] // Zone analytics is deprecated in the description; still shipped.

use std::future::Future;
use std::time::Duration;

use cloudflare_api::{Client, Error};
use sdk_tests::bodies::ACCOUNT_ID;
use sdk_tests::prism::Prism;
use serde_json::json;
use time::macros::datetime;

const TOKEN: &str = "prism-token";
/// The description's example zone id, which Prism's zones carry too.
const ZONE: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const RECORD: &str = "372e67954025e0ba6aaa6d586b9e0b59";
const PLAN: &str = "a7b9c3d2e1f04a5b6c7d8e9f0a1b2c3d";

fn spec() -> std::path::PathBuf {
    sdk_tests::reference_file("openapi/cloudflare-2024-08-06.openapi.json")
}

/// The calls made, by name, and the failures seen.
struct Calls {
    names: Vec<String>,
    failures: Vec<String>,
}

impl Calls {
    /// Awaits one call; an error or a failed check on its value is a failure.
    async fn check<T, F>(
        &mut self,
        name: &str,
        call: F,
        expect: impl FnOnce(&T) -> Result<(), String>,
    ) where
        F: Future<Output = Result<T, Error>>,
    {
        self.names.push(name.to_string());
        match call.await {
            Ok(value) => {
                if let Err(why) = expect(&value) {
                    self.failures.push(format!("{name}: decoded, but {why}"));
                }
            }
            Err(error) => self.failures.push(format!("{name}: {error}")),
        }
    }

    async fn ok<T, F>(&mut self, name: &str, call: F)
    where
        F: Future<Output = Result<T, Error>>,
    {
        self.check(name, call, |_| Ok(())).await
    }

    /// A call whose response Prism cannot give as the description means it
    /// (see `BrokenResponse`): the request must still pass Prism's checks
    /// (every request's are read from the log at the end), and the call may
    /// fail only on the response, as `broken` says.
    async fn response_broken<T, F>(&mut self, name: &str, broken: BrokenResponse, call: F)
    where
        F: Future<Output = Result<T, Error>>,
    {
        self.names.push(name.to_string());
        let outcome = match call.await {
            Ok(_) => Ok(()),
            Err(error) => broken.explains(&error).then_some(()).ok_or(error),
        };
        if let Err(error) = outcome {
            self.failures.push(format!("{name} ({broken:?}): {error}"));
        }
    }
}

/// Why Prism's answer to a valid request is not what the description means.
#[derive(Debug, Clone, Copy)]
enum BrokenResponse {
    /// The description's example breaks its own response schema, and
    /// `--errors` turns that into a 500 naming only response locations.
    ExampleBreaksSchema,
    /// The result's schema has properties but no `type`, so Prism's static
    /// mock sends `"result": null`, which the SDK (reading it as the object
    /// it describes) refuses.
    UntypedResultSentAsNull,
}

impl BrokenResponse {
    fn explains(self, error: &Error) -> bool {
        match (self, error) {
            (
                Self::ExampleBreaksSchema,
                Error::Api {
                    status: 500, body, ..
                },
            ) => {
                let locations: Vec<&str> = body.split("\"location\":[").skip(1).collect();
                body.contains("Request/Response not valid")
                    && !locations.is_empty()
                    && locations.iter().all(|l| l.starts_with("\"response\""))
            }
            (
                Self::UntypedResultSentAsNull,
                Error::Decode {
                    status: 200,
                    snippet,
                    ..
                },
            ) => snippet.contains("\"result\":null"),
            _ => false,
        }
    }
}

/// Requests that Prism's log shows failing its request checks, or with a
/// violation of the description, each with those lines. Prism logs
/// `Request received` first for each.
fn bad_requests(log: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut flush = |current: &mut Option<(String, Vec<String>)>| {
        if let Some((request, lines)) = current.take() {
            if !lines.is_empty() {
                found.push(format!("{request}\n  {}", lines.join("\n  ")));
            }
        }
    };
    let mut current: Option<(String, Vec<String>)> = None;
    for line in log.lines() {
        if line.contains("Request received") {
            flush(&mut current);
            current = Some((line.to_string(), Vec::new()));
        } else if line.contains("did not pass the validation rules")
            || line.contains("Violation: request")
        {
            if let Some((_, lines)) = current.as_mut() {
                lines.push(line.to_string());
            }
        }
    }
    flush(&mut current);
    found
}

/// How many requests Prism's log shows passing its request checks.
fn passed_requests(log: &str) -> usize {
    log.matches("The request passed the validation rules")
        .count()
}

/// A client sending an API token, and, on every request, a Global API key
/// with its email too.
///
/// The description's `security` is wrong for most of these operations, so
/// Prism refuses what the API accepts: DNS records, DNS settings, DNS
/// analytics, purge_cache, custom_ns and the fonts setting list only the
/// key and email, though Cloudflare documents API tokens for them (the "Edit
/// zone DNS" token template); zone analytics, rate plans and subscriptions
/// list one requirement naming the token, the key and the email together,
/// which no caller means. The SDK sends the credentials of one scheme, so
/// the extra headers come from the HTTP client, and every operation gets
/// what Prism checks for.
fn client_for(prism: &Prism) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("X-Auth-Email", "prism@example.com".parse().unwrap());
    headers.insert("X-Auth-Key", "prism-key".parse().unwrap());
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    Client::builder()
        .http_client(http)
        .api_token(TOKEN)
        .base_url(prism.base_url())
        .timeout(Duration::from_secs(20))
        .max_retries(0)
        .build()
        .unwrap()
}

async fn zones_calls(client: &Client, calls: &mut Calls) {
    use cloudflare_api::zones::types::{
        CachePurgeEverything, CachePurgeFlexPurgeByHostnames, CachePurgeFlexPurgeByPrefixes,
        CachePurgeFlexPurgeByTags, CachePurgeSingleFile, ZonesType,
    };
    use cloudflare_api::zones::{
        ZoneActivationCheckParams, ZoneCreateParams, ZoneCreateParamsAccount, ZoneDeleteParams,
        ZoneEditParams, ZoneGetParams, ZoneListParams, ZoneListParamsDirection,
        ZoneListParamsMatch, ZoneListParamsOrder, ZoneListParamsStatus, ZonePurgeCacheParams,
        ZonePurgeCacheParamsBody,
    };
    use futures::TryStreamExt;

    let zones = client.zones();
    let list = ZoneListParams::builder().build().unwrap();
    calls
        .check("zones.list", zones.list(&list), |page| {
            (!page.result.is_empty() && page.result_info.is_some())
                .then_some(())
                .ok_or(format!("{page:?}"))
        })
        .await;
    let list_all = ZoneListParams::builder()
        .account_id(ACCOUNT_ID)
        .account_name("contains:Example")
        .direction(ZoneListParamsDirection::Desc)
        .match_(ZoneListParamsMatch::Any)
        .name("example.com")
        .order(ZoneListParamsOrder::AccountName)
        .page(2)
        .per_page(5)
        .status(ZoneListParamsStatus::Active)
        .build()
        .unwrap();
    calls
        .ok("zones.list, every filter", zones.list(&list_all))
        .await;
    calls
        .check(
            "zones.list_auto_paging",
            zones.list_auto_paging(list).try_collect::<Vec<_>>(),
            |all| (!all.is_empty()).then_some(()).ok_or("no zone".into()),
        )
        .await;

    let account = ZoneCreateParamsAccount {
        id: Some(ACCOUNT_ID.into()),
    };
    calls
        .check(
            "zones.create",
            zones.create(
                &ZoneCreateParams::builder(account.clone(), "example.com")
                    .build()
                    .unwrap(),
            ),
            |zone| {
                (zone.name == "example.com")
                    .then_some(())
                    .ok_or(format!("{zone:?}"))
            },
        )
        .await;
    calls
        .ok(
            "zones.create, type",
            zones.create(
                &ZoneCreateParams::builder(account, "sub.example.co.uk")
                    .type_(ZonesType::Partial)
                    .build()
                    .unwrap(),
            ),
        )
        .await;
    calls
        .ok(
            "zones.delete",
            zones.delete(&ZoneDeleteParams::builder(ZONE).build().unwrap()),
        )
        .await;
    calls
        .ok(
            "zones.delete, body",
            zones.delete(
                &ZoneDeleteParams::builder(ZONE)
                    .body(json!({}))
                    .build()
                    .unwrap(),
            ),
        )
        .await;
    calls
        .check(
            "zones.get",
            zones.get(&ZoneGetParams::builder(ZONE).build().unwrap()),
            |zone| (zone.id == ZONE).then_some(()).ok_or(format!("{zone:?}")),
        )
        .await;
    calls
        .ok(
            "zones.edit",
            zones.edit(&ZoneEditParams::builder(ZONE).build().unwrap()),
        )
        .await;
    calls
        .ok(
            "zones.edit, every field",
            zones.edit(
                &ZoneEditParams::builder(ZONE)
                    .paused(true)
                    .plan(ZoneCreateParamsAccount {
                        id: Some(PLAN.into()),
                    })
                    .type_(ZonesType::Full)
                    .vanity_name_servers(["ns1.example.com".to_string()])
                    .build()
                    .unwrap(),
            ),
        )
        .await;
    calls
        .ok(
            "zones.activation_check",
            zones.activation_check(&ZoneActivationCheckParams::builder(ZONE).build().unwrap()),
        )
        .await;
    let purges: Vec<(&str, ZonePurgeCacheParamsBody)> = vec![
        (
            "everything",
            CachePurgeEverything {
                purge_everything: Some(true),
            }
            .into(),
        ),
        (
            "tags",
            CachePurgeFlexPurgeByTags {
                tags: Some(vec!["a-cache-tag".into(), "another".into()]),
            }
            .into(),
        ),
        (
            "hosts",
            CachePurgeFlexPurgeByHostnames {
                hosts: Some(vec!["www.example.com".into()]),
            }
            .into(),
        ),
        (
            "prefixes",
            CachePurgeFlexPurgeByPrefixes {
                prefixes: Some(vec!["www.example.com/foo".into()]),
            }
            .into(),
        ),
        (
            "files",
            CachePurgeSingleFile {
                files: Some(vec!["http://www.example.com/css/styles.css".into()]),
            }
            .into(),
        ),
    ];
    for (name, body) in purges {
        calls
            .ok(
                &format!("zones.purge_cache, {name}"),
                zones.purge_cache(&ZonePurgeCacheParams::builder(ZONE, body).build().unwrap()),
            )
            .await;
    }

    zones_sub_calls(client, calls).await;
}

async fn zones_sub_calls(client: &Client, calls: &mut Calls) {
    use cloudflare_api::shared::bill_subs_api::{
        BillSubsApiFrequency, BillSubsApiRatePlan, BillSubsApiZone,
    };
    use cloudflare_api::zones::analytics::{AnalyticDashboardParams, AnalyticListParams};
    use cloudflare_api::zones::custom_nameservers::{
        CustomNameserverListParams, CustomNameserverUpdateParams,
    };
    use cloudflare_api::zones::holds::{HoldCreateParams, HoldDeleteParams, HoldGetParams};
    use cloudflare_api::zones::rate_plans::{
        RatePlanGetParams, RatePlanListAvailableRatePlansParams, RatePlanListParams,
    };
    use cloudflare_api::zones::settings::{
        SettingBulkEditParams, SettingEditFontsParams, SettingEditParams, SettingFontsParams,
        SettingGetParams, SettingListParams,
    };
    use cloudflare_api::zones::subscriptions::{
        SubscriptionCreateParams, SubscriptionGetParams, SubscriptionUpdateParams,
    };
    use cloudflare_api::zones::types::{
        SpeedCloudflareFontsValue, ZonesAlwaysOnline, ZonesAlwaysOnlineId, ZonesMultipleSettings,
        ZonesSetting,
    };

    let analytics = client.zones().analytics();
    // The description's colos response is an allOf whose parts want `result`
    // both an array of datacenters and an object or string: no example fits.
    calls
        .response_broken(
            "zones.analytics.list",
            BrokenResponse::ExampleBreaksSchema,
            analytics.list(ZONE, &AnalyticListParams::builder().build().unwrap()),
        )
        .await;
    calls
        .response_broken(
            "zones.analytics.list, since and until",
            BrokenResponse::ExampleBreaksSchema,
            analytics.list(
                ZONE,
                &AnalyticListParams::builder()
                    .continuous(false)
                    .since(-10080i64)
                    .until("2015-01-02T12:23:00Z".to_string())
                    .build()
                    .unwrap(),
            ),
        )
        .await;
    calls
        .ok(
            "zones.analytics.dashboard",
            analytics.dashboard(ZONE, &AnalyticDashboardParams::builder().build().unwrap()),
        )
        .await;
    calls
        .ok(
            "zones.analytics.dashboard, since and until",
            analytics.dashboard(
                ZONE,
                &AnalyticDashboardParams::builder()
                    .continuous(true)
                    .since("2015-01-01T12:23:00Z".to_string())
                    .until(0i64)
                    .build()
                    .unwrap(),
            ),
        )
        .await;

    let custom_ns = client.zones().custom_nameservers();
    calls
        .ok(
            "zones.custom_nameservers.list",
            custom_ns.list(&CustomNameserverListParams::builder(ZONE).build().unwrap()),
        )
        .await;
    // The description caps the update's `result` at 0 items
    // (`maxItems: 0`); its example has some.
    calls
        .response_broken(
            "zones.custom_nameservers.update",
            BrokenResponse::ExampleBreaksSchema,
            custom_ns.update(&CustomNameserverUpdateParams::builder(ZONE).build().unwrap()),
        )
        .await;
    calls
        .response_broken(
            "zones.custom_nameservers.update, every field",
            BrokenResponse::ExampleBreaksSchema,
            custom_ns.update(
                &CustomNameserverUpdateParams::builder(ZONE)
                    .enabled(true)
                    .ns_set(2.0)
                    .build()
                    .unwrap(),
            ),
        )
        .await;

    let holds = client.zones().holds();
    // The description types a hold's `include_subdomains` as a string; its
    // example (and Prism's answer) is `false`, which Prism then finds
    // breaks the schema. The SDK reads a boolean, as the example and
    // Cloudflare's later descriptions say (import/cloudflare.yaml's overlay).
    calls
        .response_broken(
            "zones.holds.delete",
            BrokenResponse::ExampleBreaksSchema,
            holds.delete(&HoldDeleteParams::builder(ZONE).build().unwrap()),
        )
        .await;
    calls
        .response_broken(
            "zones.holds.delete, hold_after",
            BrokenResponse::ExampleBreaksSchema,
            holds.delete(
                &HoldDeleteParams::builder(ZONE)
                    .hold_after("2023-01-31T15:56:36+00:00")
                    .build()
                    .unwrap(),
            ),
        )
        .await;
    calls
        .response_broken(
            "zones.holds.get",
            BrokenResponse::ExampleBreaksSchema,
            holds.get(&HoldGetParams::builder(ZONE).build().unwrap()),
        )
        .await;
    calls
        .response_broken(
            "zones.holds.create",
            BrokenResponse::ExampleBreaksSchema,
            holds.create(&HoldCreateParams::builder(ZONE).build().unwrap()),
        )
        .await;
    calls
        .response_broken(
            "zones.holds.create, include_subdomains",
            BrokenResponse::ExampleBreaksSchema,
            holds.create(
                &HoldCreateParams::builder(ZONE)
                    .include_subdomains(true)
                    .build()
                    .unwrap(),
            ),
        )
        .await;

    let rate_plans = client.zones().rate_plans();
    calls
        .ok(
            "zones.rate_plans.list",
            rate_plans.list(ZONE, &RatePlanListParams::builder().build().unwrap()),
        )
        .await;
    calls
        .ok(
            "zones.rate_plans.get",
            rate_plans.get(ZONE, PLAN, &RatePlanGetParams::builder().build().unwrap()),
        )
        .await;
    calls
        .ok(
            "zones.rate_plans.list_available_rate_plans",
            rate_plans.list_available_rate_plans(
                ZONE,
                &RatePlanListAvailableRatePlansParams::builder()
                    .build()
                    .unwrap(),
            ),
        )
        .await;

    let settings = client.zones().settings();
    calls
        .ok(
            "zones.settings.list",
            settings.list(&SettingListParams::builder(ZONE).build().unwrap()),
        )
        .await;
    let always_online = ZonesAlwaysOnline::new(
        ZonesAlwaysOnlineId::AlwaysOnline,
        SpeedCloudflareFontsValue::On,
    );
    calls
        .ok(
            "zones.settings.bulk_edit",
            settings.bulk_edit(
                &SettingBulkEditParams::builder(
                    ZONE,
                    [ZonesMultipleSettings::from(always_online.clone())],
                )
                .build()
                .unwrap(),
            ),
        )
        .await;
    // `speed_cloudflare_fonts` has properties but no `type`: Prism's static
    // mock answers `"result": null`.
    calls
        .response_broken(
            "zones.settings.fonts",
            BrokenResponse::UntypedResultSentAsNull,
            settings.fonts(&SettingFontsParams::builder(ZONE).build().unwrap()),
        )
        .await;
    calls
        .response_broken(
            "zones.settings.edit_fonts",
            BrokenResponse::UntypedResultSentAsNull,
            settings.edit_fonts(
                &SettingEditFontsParams::builder(ZONE, SpeedCloudflareFontsValue::On)
                    .build()
                    .unwrap(),
            ),
        )
        .await;
    // A setting is a `oneOf` of 55 alike objects: the example matches more
    // than one, which `oneOf` forbids.
    calls
        .response_broken(
            "zones.settings.get",
            BrokenResponse::ExampleBreaksSchema,
            settings.get(
                "always_online",
                &SettingGetParams::builder(ZONE).build().unwrap(),
            ),
        )
        .await;
    calls
        .response_broken(
            "zones.settings.edit",
            BrokenResponse::ExampleBreaksSchema,
            settings.edit(
                "always_online",
                &SettingEditParams::builder(ZONE, ZonesSetting::from(always_online))
                    .build()
                    .unwrap(),
            ),
        )
        .await;

    let subscriptions = client.zones().subscriptions();
    calls
        .ok(
            "zones.subscriptions.get",
            subscriptions.get(ZONE, &SubscriptionGetParams::builder().build().unwrap()),
        )
        .await;
    calls
        .ok(
            "zones.subscriptions.create",
            subscriptions.create(ZONE, &SubscriptionCreateParams::builder().build().unwrap()),
        )
        .await;
    let rate_plan = BillSubsApiRatePlan {
        id: Some(json!("free")),
        currency: Some("USD".into()),
        externally_managed: Some(false),
        is_contract: Some(false),
        public_name: Some("Business Plan".into()),
        scope: Some("zone".into()),
        ..Default::default()
    };
    calls
        .ok(
            "zones.subscriptions.create, several fields",
            subscriptions.create(
                ZONE,
                &SubscriptionCreateParams::builder()
                    .frequency(BillSubsApiFrequency::Monthly)
                    .rate_plan(rate_plan.clone())
                    .zone(BillSubsApiZone::default())
                    .currency("USD")
                    .build()
                    .unwrap(),
            ),
        )
        .await;
    calls
        .ok(
            "zones.subscriptions.update",
            subscriptions.update(ZONE, &SubscriptionUpdateParams::builder().build().unwrap()),
        )
        .await;
    calls
        .ok(
            "zones.subscriptions.update, several fields",
            subscriptions.update(
                ZONE,
                &SubscriptionUpdateParams::builder()
                    .frequency(BillSubsApiFrequency::Yearly)
                    .rate_plan(rate_plan)
                    .build()
                    .unwrap(),
            ),
        )
        .await;
}

async fn dns_calls(client: &Client, calls: &mut Calls) {
    use cloudflare_api::dns::analytics::{AnalyticBytimeParams, AnalyticGetParams};
    use cloudflare_api::dns::records::{
        RecordCreateParams, RecordDeleteParams, RecordEditParams, RecordExportParams,
        RecordGetParams, RecordImportParams, RecordListParams, RecordScanParams,
        RecordUpdateParams,
    };
    use cloudflare_api::dns::settings::accounts::{AccountEditParams, AccountGetParams};
    use cloudflare_api::dns::settings::zones::{ZoneEditParams, ZoneGetParams};
    use cloudflare_api::dns::types::{
        DnsRecordsARecord, DnsRecordsARecordType, DnsRecordsDirection, DnsRecordsDnsRecord,
        DnsRecordsMatch, DnsRecordsOrder, DnsRecordsTxtRecord, DnsRecordsTxtRecordType,
        DnsRecordsType, DnsSettingsDnsSettings, DnsSettingsZoneMode,
    };
    use cloudflare_api::shared::dns_analytics::DnsAnalyticsTimeDelta;
    use futures::TryStreamExt;

    let analytics = client.dns().analytics();
    calls
        .ok(
            "dns.analytics.get",
            analytics.get(&AnalyticGetParams::builder(ZONE).build().unwrap()),
        )
        .await;
    calls
        .ok(
            "dns.analytics.get, every query parameter",
            analytics.get(
                &AnalyticGetParams::builder(ZONE)
                    .dimensions("queryType")
                    .filters("responseCode==NOERROR")
                    .limit(100)
                    .metrics("queryCount,uncachedCount")
                    .since(datetime!(2023-11-11 12:00:00 UTC))
                    .sort("+responseCode,-queryName")
                    .until(datetime!(2023-11-11 13:00:00 +01:00))
                    .build()
                    .unwrap(),
            ),
        )
        .await;
    calls
        .ok(
            "dns.analytics.bytime",
            analytics.bytime(&AnalyticBytimeParams::builder(ZONE).build().unwrap()),
        )
        .await;
    calls
        .ok(
            "dns.analytics.bytime, every query parameter",
            analytics.bytime(
                &AnalyticBytimeParams::builder(ZONE)
                    .dimensions("queryType")
                    .filters("responseCode==NOERROR")
                    .limit(5)
                    .metrics("queryCount")
                    .since(datetime!(2023-11-11 12:00:00 UTC))
                    .sort("-queryName")
                    .time_delta(DnsAnalyticsTimeDelta::Hour)
                    .until(datetime!(2023-11-11 13:00:00 UTC))
                    .build()
                    .unwrap(),
            ),
        )
        .await;

    let records = client.dns().records();
    let list = RecordListParams::builder(ZONE).build().unwrap();
    calls
        .check("dns.records.list", records.list(&list), |page| {
            (!page.result.is_empty())
                .then_some(())
                .ok_or(format!("{page:?}"))
        })
        .await;
    let list_all = RecordListParams::builder(ZONE)
        .comment("Domain verification record")
        .comment_contains("ver")
        .content("127.0.0.1")
        .direction(DnsRecordsDirection::Desc)
        .match_(DnsRecordsMatch::Any)
        .name("www.example.com")
        .order(DnsRecordsOrder::Type)
        .page(1)
        .per_page(5)
        .proxied(true)
        .search("www.cloudflare.com")
        .tag("team:DNS")
        .tag_present("important")
        .tag_match(DnsRecordsMatch::All)
        .type_(DnsRecordsType::A)
        .build()
        .unwrap();
    calls
        .ok("dns.records.list, several filters", records.list(&list_all))
        .await;
    calls
        .check(
            "dns.records.list_auto_paging",
            records.list_auto_paging(list).try_collect::<Vec<_>>(),
            |all| (!all.is_empty()).then_some(()).ok_or("no record".into()),
        )
        .await;

    // The description's record union lists `required: [id, type, name,
    // content, proxiable, created_on, modified_on]` beside its `oneOf`, for
    // requests too: Prism wants the three `readOnly` ones (OpenAPI exempts
    // requests from those) and `id` (which the API assigns) in every body.
    // The SDK leaves them optional, as the record schemas say; these bodies
    // set them so Prism checks the rest.
    fn as_prism_wants<T>(mut record: T, set: impl FnOnce(&mut T)) -> T {
        set(&mut record);
        record
    }
    let created = datetime!(2014-01-01 05:20:00.12345 UTC);
    let a_record = as_prism_wants(
        DnsRecordsARecord::new(
            "198.51.100.4".parse().unwrap(),
            "example.com",
            DnsRecordsARecordType::A,
        ),
        |r| {
            r.id = Some(RECORD.into());
            r.proxiable = Some(true);
            r.created_on = Some(created);
            r.modified_on = Some(created);
        },
    );
    let mut a_full = a_record.clone();
    a_full.proxied = Some(true);
    a_full.comment = Some("Domain verification record".into());
    a_full.tags = Some(vec!["owner:dns-team".into()]);
    a_full.ttl = Some(3600.0);
    let txt = as_prism_wants(
        DnsRecordsTxtRecord::new(
            "example text content",
            "example.com",
            DnsRecordsTxtRecordType::Txt,
        ),
        |r| {
            r.id = Some(RECORD.into());
            r.proxiable = Some(false);
            r.created_on = Some(created);
            r.modified_on = Some(created);
        },
    );
    let bodies: Vec<(&str, DnsRecordsDnsRecord)> = vec![
        ("A", a_record.into()),
        ("A, every writable field", a_full.into()),
        ("TXT", txt.into()),
    ];
    for (name, body) in &bodies {
        calls
            .ok(
                &format!("dns.records.create, {name}"),
                records.create(
                    &RecordCreateParams::builder(ZONE, body.clone())
                        .build()
                        .unwrap(),
                ),
            )
            .await;
        calls
            .ok(
                &format!("dns.records.edit, {name}"),
                records.edit(
                    RECORD,
                    &RecordEditParams::builder(ZONE, body.clone())
                        .build()
                        .unwrap(),
                ),
            )
            .await;
        calls
            .ok(
                &format!("dns.records.update, {name}"),
                records.update(
                    RECORD,
                    &RecordUpdateParams::builder(ZONE, body.clone())
                        .build()
                        .unwrap(),
                ),
            )
            .await;
    }
    calls
        .check(
            "dns.records.export",
            records.export(&RecordExportParams::builder(ZONE).build().unwrap()),
            |text| (!text.is_empty()).then_some(()).ok_or("empty".into()),
        )
        .await;
    calls
        .ok(
            "dns.records.import",
            records.import(
                &RecordImportParams::builder(ZONE)
                    .file("www.example.com. 300 IN  A 127.0.0.1")
                    .build()
                    .unwrap(),
            ),
        )
        .await;
    calls
        .ok(
            "dns.records.import, proxied",
            records.import(
                &RecordImportParams::builder(ZONE)
                    .file("www.example.com. 300 IN  A 127.0.0.1\n")
                    .proxied("true")
                    .build()
                    .unwrap(),
            ),
        )
        .await;
    calls
        .ok(
            "dns.records.scan",
            records.scan(&RecordScanParams::builder(ZONE, json!({})).build().unwrap()),
        )
        .await;
    calls
        .ok(
            "dns.records.delete",
            records.delete(
                RECORD,
                &RecordDeleteParams::builder(ZONE, json!({}))
                    .build()
                    .unwrap(),
            ),
        )
        .await;
    calls
        .ok(
            "dns.records.get",
            records.get(RECORD, &RecordGetParams::builder(ZONE).build().unwrap()),
        )
        .await;

    let accounts = client.dns().settings().accounts();
    calls
        .ok(
            "dns.settings.accounts.get",
            accounts.get(&AccountGetParams::builder(ACCOUNT_ID).build().unwrap()),
        )
        .await;
    calls
        .ok(
            "dns.settings.accounts.edit",
            accounts.edit(&AccountEditParams::builder(ACCOUNT_ID).build().unwrap()),
        )
        .await;
    calls
        .ok(
            "dns.settings.accounts.edit, zone_defaults",
            accounts.edit(
                &AccountEditParams::builder(ACCOUNT_ID)
                    .zone_defaults(DnsSettingsDnsSettings {
                        foundation_dns: Some(false),
                        multi_provider: Some(true),
                        ns_ttl: Some(86400.0),
                        secondary_overrides: Some(false),
                        zone_mode: Some(DnsSettingsZoneMode::Standard),
                        ..Default::default()
                    })
                    .build()
                    .unwrap(),
            ),
        )
        .await;

    let zone_settings = client.dns().settings().zones();
    calls
        .ok(
            "dns.settings.zones.get",
            zone_settings.get(&ZoneGetParams::builder(ZONE).build().unwrap()),
        )
        .await;
    calls
        .ok(
            "dns.settings.zones.edit",
            zone_settings.edit(&ZoneEditParams::builder(ZONE).build().unwrap()),
        )
        .await;
    calls
        .ok(
            "dns.settings.zones.edit, several fields",
            zone_settings.edit(
                &ZoneEditParams::builder(ZONE)
                    .foundation_dns(true)
                    .multi_provider(false)
                    .ns_ttl(30.0)
                    .secondary_overrides(true)
                    .zone_mode(DnsSettingsZoneMode::DnsOnly)
                    .build()
                    .unwrap(),
            ),
        )
        .await;
}

#[tokio::test]
async fn every_dns_and_zones_operation_passes_prism_validation() {
    let prism = Prism::start(&spec());
    eprintln!(
        "Prism answered after {:?} on the whole description",
        prism.startup
    );
    let client = client_for(&prism);
    let mut calls = Calls {
        names: Vec::new(),
        failures: Vec::new(),
    };
    zones_calls(&client, &mut calls).await;
    dns_calls(&client, &mut calls).await;

    // Prism writes its log as it answers: give the last lines time to land.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let log = prism.log();
    // Prism::start's probe of `/` is no request of ours.
    let requests = log
        .lines()
        .filter(|l| l.contains("Request received") && !l.contains("] get / "))
        .count();
    let bad = bad_requests(&log);
    assert!(
        calls.failures.is_empty() && bad.is_empty(),
        "{} of {} calls failed:\n{}\n\nRequests Prism refused:\n{}",
        calls.failures.len(),
        calls.names.len(),
        calls.failures.join("\n"),
        bad.join("\n")
    );
    // Each call sent its request (auto-paging may send more), and each
    // request passed Prism's checks, including those of the calls whose
    // response is broken.
    assert!(
        requests >= calls.names.len(),
        "{requests} requests logged for {} calls",
        calls.names.len()
    );
    assert_eq!(
        passed_requests(&log),
        requests,
        "Prism's log is printed below"
    );
}

#[test]
fn a_hold_reads_include_subdomains_as_a_boolean() {
    use cloudflare_api::zones::holds::{HoldCreateResponse, HoldGetResponse};
    let sent =
        r#"{"hold": true, "hold_after": "2023-01-31T15:56:36+00:00", "include_subdomains": false}"#;
    let hold: HoldGetResponse = serde_json::from_str(sent).expect("a hold as the API sends it");
    assert_eq!(hold.include_subdomains, Some(false));
    assert_eq!(hold.hold, Some(true));
    let created: HoldCreateResponse = serde_json::from_str(sent).expect("the same from create");
    assert_eq!(created.include_subdomains, Some(false));
}
