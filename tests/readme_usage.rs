//! The README's usage snippet, run against a local server: it compiles and
//! does what the README says.

use cloudflare_api::ai_gateway::logs::{LogListParams, LogListParamsFilter};
use cloudflare_api::Client;
use futures::TryStreamExt;
use sdk_tests::bodies::{list_body, ACCOUNT_ID};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_readme_snippet_lists_one_page_and_every_page() -> Result<(), Box<dyn std::error::Error>>
{
    let server = MockServer::start().await;
    let logs_path = format!("/client/v4/accounts/{ACCOUNT_ID}/ai-gateway/gateways/my-gateway/logs");
    Mock::given(method("GET"))
        .and(path(logs_path.as_str()))
        .and(query_param("filters.key", "provider"))
        .and(query_param("per_page", "50"))
        .respond_with(ResponseTemplate::new(200).set_body_string(list_body(
            1..=3,
            Some(r#"{"page":1,"per_page":50,"total_count":3}"#),
        )))
        .expect(2)
        .mount(&server)
        .await;
    let token = "test-token";

    // As in the README.
    let client = Client::builder()
        .api_token(token)
        .base_url(format!("{}/client/v4", server.uri()))
        .build()?;
    let params = LogListParams::builder(ACCOUNT_ID)
        .per_page(50)
        .filters([LogListParamsFilter::new("provider", "eq", ["openai"])])
        .build()?;
    let page = client
        .ai_gateway()
        .logs()
        .list("my-gateway", &params)
        .await?;
    let all: Vec<_> = client
        .ai_gateway()
        .logs()
        .list_auto_paging("my-gateway", params)
        .try_collect()
        .await?;

    assert_eq!(page.result.len(), 3);
    assert_eq!(all, page.result, "one page in all: no second request");
    let error = LogListParams::builder(ACCOUNT_ID)
        .per_page(51)
        .build()
        .expect_err("refused");
    assert_eq!(error.to_string(), "per_page: 51 is above the maximum 50");
    Ok(())
}

/// A zone as the API returns it (the description's example).
const ZONE_JSON: &str = r#"{"account":{"id":"023e105f4ecef8ad9ca31a8372d0c353","name":"Example Account Name"},"activated_on":"2014-01-02T00:01:00.12345Z","created_on":"2014-01-01T05:20:00.12345Z","development_mode":7200,"id":"023e105f4ecef8ad9ca31a8372d0c353","meta":{"cdn_only":true,"custom_certificate_quota":1,"dns_only":true,"foundation_dns":true,"page_rule_quota":100,"phishing_detected":false,"step":2},"modified_on":"2014-01-01T05:20:00.12345Z","name":"example.com","name_servers":["bob.ns.cloudflare.com","lola.ns.cloudflare.com"],"original_dnshost":"NameCheap","original_name_servers":["ns1.originaldnshost.com"],"original_registrar":"GoDaddy","owner":{"id":"023e105f4ecef8ad9ca31a8372d0c353","name":"Example Org","type":"organization"},"vanity_name_servers":[]}"#;

#[tokio::test]
async fn the_readme_zones_and_dns_rows_send_what_they_say_and_decode(
) -> Result<(), Box<dyn std::error::Error>> {
    use cloudflare_api::dns::records::RecordCreateParams;
    use cloudflare_api::dns::types::{
        DnsRecordsARecord, DnsRecordsARecordType, DnsRecordsDnsRecord,
    };
    use cloudflare_api::zones::ZoneListParams;
    use wiremock::matchers::body_json;

    let server = MockServer::start().await;
    let zone = "023e105f4ecef8ad9ca31a8372d0c353";
    Mock::given(method("GET"))
        .and(path("/client/v4/zones"))
        .and(query_param("name", "example.com"))
        .and(query_param("per_page", "5"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!(
            r#"{{"success":true,"errors":[],"messages":[],"result":[{ZONE_JSON}],"result_info":{{"count":1,"page":1,"per_page":5,"total_count":1}}}}"#
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/client/v4/zones/{zone}/dns_records").as_str()))
        .and(body_json(serde_json::json!(
            {"content": "198.51.100.4", "name": "www.example.com", "type": "A"}
        )))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"success":true,"errors":[],"messages":[],"result":{"id":"372e67954025e0ba6aaa6d586b9e0b59","content":"198.51.100.4","name":"www.example.com","type":"A","proxiable":true,"proxied":false,"ttl":1,"created_on":"2014-01-01T05:20:00.12345Z","modified_on":"2014-01-01T05:20:00.12345Z"}}"#,
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_token("test-token")
        .base_url(format!("{}/client/v4", server.uri()))
        .build()?;

    // As in the README's table.
    let page = client
        .zones()
        .list(
            &ZoneListParams::builder()
                .name("example.com")
                .per_page(5)
                .build()?,
        )
        .await?;
    let ip: std::net::Ipv4Addr = "198.51.100.4".parse()?;
    let record = client
        .dns()
        .records()
        .create(
            &RecordCreateParams::builder(
                zone,
                DnsRecordsARecord::new(ip, "www.example.com", DnsRecordsARecordType::A),
            )
            .build()?,
        )
        .await?;

    assert_eq!(page.result.len(), 1);
    assert_eq!(
        (page.result[0].id.as_str(), page.result[0].name.as_str()),
        (zone, "example.com")
    );
    assert!(
        matches!(&record, DnsRecordsDnsRecord::DnsRecordsARecord(a)
            if a.content == ip && a.id.as_deref() == Some("372e67954025e0ba6aaa6d586b9e0b59")),
        "{record:?}"
    );
    let error = ZoneListParams::builder()
        .per_page(4)
        .build()
        .expect_err("refused");
    assert_eq!(error.param, "per_page");
    Ok(())
}
