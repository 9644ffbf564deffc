//! The generated client's public API against wiremock on 127.0.0.1: the
//! request on the wire for each credential scheme, configuration errors,
//! secrets, every error kind through `list()`, retries, and fields this SDK
//! does not know yet.

use std::time::{Duration, Instant};

use cloudflare_api::ai_gateway::logs::{
    LogListParams, LogListParamsFilter, LogListParamsFiltersKey, LogListParamsOrderBy,
    LogListParamsOrderByDirection, LogListResponse, LogListResultInfo,
};
use cloudflare_api::{Client, ClientBuilder, Error, Page, Rule, ValidationError};
use sdk_tests::bodies::{list_body, list_envelope, log_json, ACCOUNT_ID};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const USER_AGENT: &str = "cloudflare-api/0.2.0 (rust)";
const TOKEN: &str = "tok-sekrit-0123";
const API_KEY: &str = "key-sekrit-4567";
const EMAIL: &str = "me@example.com";
const SERVICE_KEY: &str = "v1.0-svc-sekrit-89ab";
const AUTH_HEADERS: [&str; 4] = [
    "authorization",
    "x-auth-email",
    "x-auth-key",
    "x-auth-user-service-key",
];

fn base_url(server: &MockServer) -> String {
    format!("{}/client/v4", server.uri())
}

fn client(server: &MockServer, max_retries: u32) -> Client {
    Client::builder()
        .api_token(TOKEN)
        .base_url(base_url(server))
        .timeout(Duration::from_secs(5))
        .max_retries(max_retries)
        .build()
        .unwrap()
}

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

async fn serve(server: &MockServer, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .respond_with(response)
        .mount(server)
        .await;
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

fn params() -> LogListParams {
    LogListParams::builder(ACCOUNT_ID).build().unwrap()
}

async fn list(
    client: &Client,
    gateway_id: &str,
    params: &LogListParams,
) -> Result<Page<LogListResponse, LogListResultInfo>, Error> {
    client.ai_gateway().logs().list(gateway_id, params).await
}

/// Sets a client's credentials.
type Configure = fn(ClientBuilder) -> ClientBuilder;
/// The credential headers a scheme sends.
type AuthHeaders = Vec<(&'static str, String)>;

/// An error envelope like the API's.
const FORBIDDEN: &str = r#"{"success":false,"errors":[{"code":9109,"message":"Unauthorized to access requested resource","documentation_url":"https://developers.cloudflare.com/api/","source":{"pointer":"/gateway_id"}},{"code":10000,"message":"Authentication error"}],"messages":[{"code":1,"message":"see the docs"}],"result":null}"#;

#[tokio::test]
async fn request_line_and_headers_for_each_auth_scheme() {
    // The service key is a scheme of the API, but not one the logs operations accept.
    let schemes: [(&str, Configure, AuthHeaders); 2] = [
        (
            "token",
            |b| b.api_token(TOKEN),
            vec![("authorization", format!("Bearer {TOKEN}"))],
        ),
        (
            "key + email",
            |b| b.api_key(API_KEY).api_email(EMAIL),
            vec![
                ("x-auth-key", API_KEY.into()),
                ("x-auth-email", EMAIL.into()),
            ],
        ),
    ];
    let params = LogListParams::builder(ACCOUNT_ID)
        .page(2)
        .per_page(50)
        .search("a b&c")
        .order_by(LogListParamsOrderBy::CreatedAt)
        .order_by_direction(LogListParamsOrderByDirection::Desc)
        .filters([
            LogListParamsFilter::new(LogListParamsFiltersKey::Provider, "eq", ["openai"]),
            LogListParamsFilter::new("cost", "gt", [0.5]),
        ])
        .build()
        .unwrap();
    for (name, configure, expected) in schemes {
        let server = MockServer::start().await;
        serve(
            &server,
            json(
                200,
                &list_body([1, 2], Some(r#"{"page":2,"per_page":50,"total_count":52}"#)),
            ),
        )
        .await;
        let client = configure(Client::builder().base_url(base_url(&server)))
            .build()
            .unwrap();
        let page = list(&client, "my gw/x", &params).await.unwrap();
        assert_eq!(page.result.len(), 2, "{name}");
        assert_eq!(page.result[1].id, "log-2");
        assert_eq!(page.result_info.unwrap().total_count, Some(52));

        let received = requests(&server).await;
        assert_eq!(received.len(), 1, "{name}");
        let request = &received[0];
        assert_eq!(request.method.as_str(), "GET");
        assert_eq!(
            request.url.path(),
            format!("/client/v4/accounts/{ACCOUNT_ID}/ai-gateway/gateways/my%20gw%2Fx/logs")
        );
        assert_eq!(
            request.url.query(),
            Some(concat!(
                "filters.key=provider&filters.operator=eq&filters.value=openai",
                "&filters.key=cost&filters.operator=gt&filters.value=0.5",
                "&order_by=created_at&order_by_direction=desc&page=2&per_page=50&search=a+b%26c"
            )),
            "{name}"
        );
        assert_eq!(request.headers["accept"], "application/json", "{name}");
        assert_eq!(request.headers["user-agent"], USER_AGENT, "{name}");
        assert!(request.headers.get("content-type").is_none(), "{name}");
        for (header, value) in &expected {
            assert_eq!(request.headers[*header], value.as_str(), "{name}: {header}");
        }
        let sent: Vec<&str> = AUTH_HEADERS
            .into_iter()
            .filter(|h| request.headers.contains_key(*h))
            .collect();
        assert_eq!(
            sent.len(),
            expected.len(),
            "{name}: only its headers: {sent:?}"
        );
    }
}

#[tokio::test]
async fn one_scheme_is_sent_when_several_are_configured() {
    // The API's order: token, then key + email, then the service key.
    let server = MockServer::start().await;
    serve(&server, json(200, &list_body([], None))).await;
    let client = Client::builder()
        .user_service_key(SERVICE_KEY)
        .api_key(API_KEY)
        .api_email(EMAIL)
        .api_token(TOKEN)
        .base_url(base_url(&server))
        .build()
        .unwrap();
    list(&client, "gw", &params()).await.unwrap();
    let request = &requests(&server).await[0];
    assert_eq!(request.headers["authorization"], format!("Bearer {TOKEN}"));
    for absent in ["x-auth-key", "x-auth-email", "x-auth-user-service-key"] {
        assert!(request.headers.get(absent).is_none(), "{absent}");
    }

    // An incomplete pair does not count, and the service key is not a scheme
    // logs.list accepts: the call fails before sending, naming the schemes.
    let server = MockServer::start().await;
    serve(&server, json(200, &list_body([], None))).await;
    let client = Client::builder()
        .api_key(API_KEY)
        .user_service_key(SERVICE_KEY)
        .base_url(base_url(&server))
        .build()
        .unwrap();
    let error = list(&client, "gw", &params()).await.unwrap_err();
    let Error::Config(message) = &error else {
        panic!("expected Config, got {error:?}");
    };
    assert_eq!(
        message,
        "logs.list accepts only the auth schemes api_token, api_key; the client has user_service_key configured"
    );
    assert!(!message.contains(SERVICE_KEY) && !message.contains(API_KEY));
    assert!(requests(&server).await.is_empty());

    // With the service key configured too, an accepted scheme is chosen over it.
    let server = MockServer::start().await;
    serve(&server, json(200, &list_body([], None))).await;
    let client = Client::builder()
        .user_service_key(SERVICE_KEY)
        .api_key(API_KEY)
        .api_email(EMAIL)
        .base_url(base_url(&server))
        .build()
        .unwrap();
    list(&client, "gw", &params()).await.unwrap();
    let request = &requests(&server).await[0];
    assert_eq!(request.headers["x-auth-key"], API_KEY);
    assert_eq!(request.headers["x-auth-email"], EMAIL);
    assert!(request.headers.get("x-auth-user-service-key").is_none());
}

#[test]
fn build_without_complete_credentials_is_a_config_error() {
    for (name, builder) in [
        ("nothing", Client::builder()),
        ("key without email", Client::builder().api_key(API_KEY)),
        ("email without key", Client::builder().api_email(EMAIL)),
    ] {
        let error = builder.base_url("http://127.0.0.1:9").build().unwrap_err();
        let Error::Config(message) = &error else {
            panic!("{name}: expected Config, got {error:?}");
        };
        assert!(
            message.contains("CLOUDFLARE_API_TOKEN"),
            "{name}: {message}"
        );
        assert!(!error.is_retryable() && error.status().is_none());
        assert!(!message.contains(API_KEY) && !message.contains(EMAIL));
    }
    // An empty token, a token that cannot be a header, a bad base URL, a zero timeout.
    for (name, builder) in [
        ("empty token", Client::builder().api_token("")),
        ("newline", Client::builder().api_token("line\nbreak-sekrit")),
        (
            "base url",
            Client::builder().api_token(TOKEN).base_url("ftp://x"),
        ),
        (
            "user info",
            Client::builder()
                .api_token(TOKEN)
                .base_url("https://user:pw-sekrit@x"),
        ),
        (
            "zero timeout",
            Client::builder().api_token(TOKEN).timeout(Duration::ZERO),
        ),
    ] {
        let error = builder.build().unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{name}: {error:?}");
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("sekrit"), "{name}: {shown}");
    }
}

#[test]
fn secrets_are_never_in_debug() {
    let builder = Client::builder()
        .api_token(TOKEN)
        .api_key(API_KEY)
        .api_email(EMAIL)
        .user_service_key(SERVICE_KEY)
        .base_url("http://127.0.0.1:9/client/v4");
    let client = builder.clone().build().unwrap();
    for shown in [
        format!("{builder:?}"),
        format!("{builder:#?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
    ] {
        for secret in [TOKEN, API_KEY, SERVICE_KEY, EMAIL] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("127.0.0.1:9"), "{shown}");
    }
    // The client says which scheme it uses, not the value.
    assert!(format!("{client:?}").contains("Authorization"));
}

#[tokio::test]
async fn invalid_requests_send_nothing() {
    let server = MockServer::start().await;
    serve(&server, json(200, &list_body([1], None))).await;
    let client = client(&server, 2);
    let long = "g".repeat(65);
    let cases: [(&str, &str, Rule); 4] = [
        ("..", "gateway_id", Rule::PathSegment),
        (".", "gateway_id", Rule::PathSegment),
        ("", "gateway_id", Rule::MinLength(1)),
        (&long, "gateway_id", Rule::MaxLength(64)),
    ];
    for (gateway, param, rule) in cases {
        let error = list(&client, gateway, &params()).await.unwrap_err();
        let Error::InvalidRequest(ValidationError {
            param: got_param,
            value,
            rule: got_rule,
            ..
        }) = &error
        else {
            panic!("{gateway:?}: expected InvalidRequest, got {error:?}");
        };
        assert_eq!(
            (got_param.as_str(), got_rule),
            (param, &rule),
            "{gateway:?}"
        );
        assert_eq!(value, gateway);
        assert!(!error.is_retryable() && error.status().is_none());
        assert!(error
            .to_string()
            .starts_with("invalid request: gateway_id: "));
    }
    // An account id that would climb a segment.
    let bad_account = LogListParams::builder("..").build().unwrap();
    let error = list(&client, "gw", &bad_account).await.unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest(v) if v.param == "account_id" && v.rule == Rule::PathSegment),
        "{error:?}"
    );
    // The auto-pager checks too, and yields the error once.
    use futures::StreamExt;
    let items: Vec<_> = client
        .ai_gateway()
        .logs()
        .list_auto_paging("..", params())
        .collect()
        .await;
    assert!(
        matches!(items.as_slice(), [Err(Error::InvalidRequest(_))]),
        "{items:?}"
    );
    assert_eq!(requests(&server).await.len(), 0, "nothing may be sent");

    // Parameters out of range cannot even be built.
    let too_big = LogListParams::builder(ACCOUNT_ID)
        .per_page(51)
        .build()
        .unwrap_err();
    assert_eq!(too_big.rule, Rule::Maximum("50".into()));
    assert_eq!(
        Error::from(too_big).to_string(),
        "invalid request: per_page: 51 is above the maximum 50"
    );
    let zero = LogListParams::builder(ACCOUNT_ID)
        .page(0)
        .build()
        .unwrap_err();
    assert_eq!(
        (zero.param.as_str(), zero.rule),
        ("page", Rule::Minimum("1".into()))
    );
}

#[tokio::test]
async fn api_errors_carry_the_envelope() {
    let server = MockServer::start().await;
    serve(
        &server,
        json(403, FORBIDDEN).insert_header("retry-after-ms", "1"),
    )
    .await;
    let error = list(&client(&server, 2), "gw", &params())
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await.len(), 1, "a 403 is not retried");
    assert_eq!(error.status(), Some(403));
    assert!(!error.is_retryable());
    assert_eq!(
        error.to_string(),
        "API error (HTTP 403): [9109] Unauthorized to access requested resource (and 1 more)"
    );
    let Error::Api {
        status,
        errors,
        messages,
        body,
    } = &error
    else {
        panic!("expected Api, got {error:?}");
    };
    assert_eq!(*status, 403);
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].code, Some(9109));
    assert_eq!(
        errors[0].message,
        "Unauthorized to access requested resource"
    );
    assert_eq!(
        errors[0].documentation_url.as_deref(),
        Some("https://developers.cloudflare.com/api/")
    );
    assert_eq!(
        errors[0].source.as_ref().and_then(|s| s.pointer.as_deref()),
        Some("/gateway_id")
    );
    assert_eq!(
        (errors[1].code, errors[1].source.as_ref()),
        (Some(10000), None)
    );
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].message, "see the docs");
    assert_eq!(body, FORBIDDEN);
    assert!(!format!("{error} {error:?}").contains(TOKEN));

    // A 404 whose body is no envelope but plain text: its line is the error, the body kept.
    let server = MockServer::start().await;
    serve(
        &server,
        ResponseTemplate::new(404).set_body_string("Not Found"),
    )
    .await;
    let error = list(&client(&server, 2), "gw", &params())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Api { status: 404, errors, body, .. } if errors.len() == 1 && errors[0].message == "Not Found" && body == "Not Found"),
        "{error:?}"
    );
    assert_eq!(error.to_string(), "API error (HTTP 404): Not Found");
}

#[tokio::test]
async fn success_false_under_2xx_is_an_api_error() {
    let server = MockServer::start().await;
    let body = r#"{"success":false,"errors":[{"code":7003,"message":"Could not route"}],"messages":[],"result":null}"#;
    serve(&server, json(200, body)).await;
    let error = list(&client(&server, 2), "gw", &params())
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await.len(), 1);
    assert_eq!(error.status(), Some(200));
    assert!(!error.is_retryable());
    assert_eq!(
        error.to_string(),
        "API error (HTTP 200): [7003] Could not route"
    );
    assert!(
        matches!(&error, Error::Api { errors, body: kept, .. } if errors[0].code == Some(7003) && kept == body)
    );

    // No `success` at all but some errors: also a failure.
    let server = MockServer::start().await;
    serve(
        &server,
        json(200, r#"{"errors":[{"code":1,"message":"x"}],"result":[]}"#),
    )
    .await;
    let error = list(&client(&server, 0), "gw", &params())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Api { status: 200, .. }), "{error:?}");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_status_and_snippet() {
    let server = MockServer::start().await;
    serve(&server, json(200, r#"{"success":true,"result":[{"id":"#)).await;
    let error = list(&client(&server, 2), "gw", &params())
        .await
        .unwrap_err();
    assert_eq!(
        requests(&server).await.len(),
        1,
        "a bad body is not retried"
    );
    assert_eq!(error.status(), Some(200));
    assert!(!error.is_retryable());
    let Error::Decode {
        status, snippet, ..
    } = &error
    else {
        panic!("expected Decode, got {error:?}");
    };
    assert_eq!(
        (*status, snippet.as_str()),
        (200, r#"{"success":true,"result":[{"id":"#)
    );
    assert!(
        error
            .to_string()
            .starts_with("could not decode the response body (HTTP 200): "),
        "{error}"
    );
    assert!(std::error::Error::source(&error).is_some());

    // Valid JSON of the wrong shape: a log without its required `id`, and a long body.
    let server = MockServer::start().await;
    let log = log_json(1).replace(r#""id":"log-1","#, "");
    let padding = format!(r#""padding":"{}""#, "x".repeat(2000));
    let body = list_envelope(&[log], None)
        .replace(r#""success":true"#, &format!(r#""success":true,{padding}"#));
    serve(&server, json(201, &body)).await;
    let error = list(&client(&server, 2), "gw", &params())
        .await
        .unwrap_err();
    let Error::Decode {
        status,
        snippet,
        source,
    } = &error
    else {
        panic!("expected Decode, got {error:?}");
    };
    assert_eq!(*status, 201);
    assert_eq!(snippet.len(), 512);
    assert!(body.starts_with(snippet.as_str()));
    assert!(
        source.to_string().contains("missing field `id`"),
        "{source}"
    );
}

#[tokio::test]
async fn timeouts_are_reported_as_timeout() {
    let server = MockServer::start().await;
    serve(
        &server,
        json(200, &list_body([1], None)).set_delay(Duration::from_secs(3)),
    )
    .await;
    let client = Client::builder()
        .api_token(TOKEN)
        .base_url(base_url(&server))
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let error = list(&client, "gw", &params()).await.unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(error.is_retryable());
    assert_eq!(error.status(), None);
    assert_eq!(error.to_string(), "request timed out");
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .api_token(TOKEN)
        .base_url(format!("http://127.0.0.1:{port}/client/v4"))
        .max_retries(0)
        .build()
        .unwrap();
    let error = list(&client, "gw", &params()).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(error.is_retryable());
    assert_eq!(error.status(), None);
    let shown = format!("{error} {error:?}");
    assert!(
        error.to_string().starts_with("transport error: "),
        "{error}"
    );
    assert!(!shown.contains(TOKEN), "{shown}");
}

#[tokio::test]
async fn retryable_failures_are_retried_then_succeed() {
    // Two 429s with a short `retry-after-ms`, then the page: the default is 2 retries.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(json(429, FORBIDDEN).insert_header("retry-after-ms", "20"))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    serve(&server, json(200, &list_body([7], None))).await;
    let client = Client::builder()
        .api_token(TOKEN)
        .base_url(base_url(&server))
        .build()
        .unwrap();
    let started = Instant::now();
    let page = list(&client, "gw", &params()).await.unwrap();
    assert_eq!(page.result[0].id, "log-7");
    let received = requests(&server).await;
    assert_eq!(received.len(), 3);
    // The same request each time.
    assert!(received.iter().all(
        |r| r.url == received[0].url && r.headers["authorization"] == format!("Bearer {TOKEN}")
    ));
    // Waits of 20 ms, not the computed backoff (at least 375 + 750 ms).
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn retries_run_out_into_the_last_error() {
    let server = MockServer::start().await;
    serve(
        &server,
        json(503, r#"{"success":false,"errors":[{"code":1,"message":"busy"}],"messages":[],"result":null}"#)
            .insert_header("retry-after-ms", "10"),
    )
    .await;
    let error = list(&client(&server, 1), "gw", &params())
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await.len(), 2, "1 attempt + 1 retry");
    assert_eq!(error.status(), Some(503));
    assert!(error.is_retryable());
    assert_eq!(error.to_string(), "API error (HTTP 503): [1] busy");

    // max_retries(0): one attempt only.
    let server = MockServer::start().await;
    serve(
        &server,
        json(500, "{}").insert_header("retry-after-ms", "10"),
    )
    .await;
    let error = list(&client(&server, 0), "gw", &params())
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await.len(), 1);
    assert!(matches!(error, Error::Api { status: 500, .. }));
}

#[tokio::test]
async fn unknown_fields_are_kept_and_written_back() {
    let server = MockServer::start().await;
    let log = log_json(1).replace(
        r#""id":"log-1","#,
        r#""id":"log-1","new_field":1,"new_object":{"a":[true,null]},"#,
    );
    let info = r#"{"page":1,"per_page":20,"count":2,"total_count":2,"new_stat":"x"}"#;
    let null_tokens = log_json(2)
        .replace(r#""tokens_in":2"#, r#""tokens_in":null"#)
        .replace(r#""cost":0.01295,"#, "");
    let body = list_envelope(&[log.clone(), null_tokens.clone()], Some(info))
        .replace(
            r#""messages":[]"#,
            r#""messages":[{"code":1001,"message":"new"}]"#,
        )
        .replacen(
            r#"{"success":true,"#,
            r#"{"success":true,"new_envelope_field":[],"#,
            1,
        );
    serve(&server, json(200, &body)).await;
    let page = list(&client(&server, 0), "gw", &params()).await.unwrap();

    let first = &page.result[0];
    assert_eq!(first.extra.len(), 2, "{:?}", first.extra);
    assert_eq!(first.extra["new_field"], serde_json::json!(1));
    assert_eq!(
        first.extra["new_object"],
        serde_json::json!({"a": [true, null]})
    );
    assert_eq!(first.created_at.unix_timestamp(), 1_736_951_527);
    assert_eq!(first.created_at.millisecond(), 481);
    // Written back, every field is as the server sent it, unknown ones included.
    let original: serde_json::Value = serde_json::from_str(&log).unwrap();
    assert_eq!(serde_json::to_value(first).unwrap(), original);

    let second = &page.result[1];
    assert_eq!((second.tokens_in, second.cost), (None, None));
    assert!(second.extra.is_empty());
    assert_eq!(
        serde_json::to_value(second).unwrap(),
        serde_json::from_str::<serde_json::Value>(&null_tokens).unwrap()
    );

    let info_decoded = page.result_info.as_ref().unwrap();
    assert_eq!(info_decoded.extra["new_stat"], "x");
    // `result_info` numbers are `f64`s: `20` comes back as `20.0`.
    assert_eq!(
        same_instants(serde_json::to_value(info_decoded).unwrap()),
        same_instants(serde_json::from_str(info).unwrap())
    );
    assert_eq!(page.messages[0].code, Some(1001));
}

#[tokio::test]
async fn unknown_enum_values_are_sent_as_given() {
    let server = MockServer::start().await;
    serve(&server, json(200, &list_body([], None))).await;
    let order_by = LogListParamsOrderBy::from("tokens_total");
    assert_eq!(
        order_by,
        LogListParamsOrderBy::Unknown("tokens_total".into())
    );
    let params = LogListParams::builder(ACCOUNT_ID)
        .order_by(order_by)
        .order_by_direction("sideways")
        .filters([LogListParamsFilter::new("new_key", "startswith", [true])])
        .build()
        .unwrap();
    list(&client(&server, 0), "gw", &params).await.unwrap();
    assert_eq!(
        requests(&server).await[0].url.query(),
        Some("filters.key=new_key&filters.operator=startswith&filters.value=true&order_by=tokens_total&order_by_direction=sideways")
    );
    // And they survive serde.
    let key: LogListParamsFiltersKey = serde_json::from_str(r#""brand_new""#).unwrap();
    assert_eq!(key, LogListParamsFiltersKey::Unknown("brand_new".into()));
    assert_eq!(serde_json::to_string(&key).unwrap(), r#""brand_new""#);
}

#[tokio::test]
async fn the_reference_fixture_decodes_through_list() {
    let body = sdk_tests::read_reference("fixtures/page50.json");
    let expected: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let server = MockServer::start().await;
    serve(
        &server,
        ResponseTemplate::new(200).set_body_raw(body, "application/json"),
    )
    .await;
    let page = list(&client(&server, 0), "gw", &params()).await.unwrap();
    let logs = expected["result"].as_array().unwrap();
    assert_eq!(page.result.len(), logs.len());
    for (decoded, original) in page.result.iter().zip(logs) {
        assert_eq!(decoded.id, original["id"].as_str().unwrap());
        assert!(decoded.extra.is_empty(), "{:?}", decoded.extra);
        // Written back equal, but for how the fraction of a second is spelt
        // (`54.670Z` comes back as `54.67Z`, the same instant).
        assert_eq!(
            same_instants(serde_json::to_value(decoded).unwrap()),
            same_instants(original.clone())
        );
    }
    let info = page.result_info.unwrap();
    assert_eq!(
        info.total_count,
        expected["result_info"]["total_count"].as_i64()
    );
}

#[test]
fn client_and_auto_paging_stream_are_send() {
    fn assert_send_sync<T: Send + Sync + 'static>(_: &T) {}
    fn assert_send_static<T: Send + 'static>(_: &T) {}
    let client = Client::builder()
        .api_token(TOKEN)
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    assert_send_sync(&client);
    let stream = client.ai_gateway().logs().list_auto_paging("gw", params());
    assert_send_static(&stream);
}

/// The same JSON with every number as an `f64` and `created_at` as
/// nanoseconds since the epoch, so spellings of one value compare equal
/// (`0` and `0.0`; `54.670Z` and `54.67Z`).
fn same_instants(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        Value::Array(items) => Value::Array(items.into_iter().map(same_instants).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(key, value)| match (key.as_str(), &value) {
                    ("created_at", Value::String(text)) => {
                        let instant = time::OffsetDateTime::parse(
                            text,
                            &time::format_description::well_known::Rfc3339,
                        )
                        .unwrap();
                        (
                            key,
                            Value::String(instant.unix_timestamp_nanos().to_string()),
                        )
                    }
                    _ => (key, same_instants(value)),
                })
                .collect(),
        ),
        other => other,
    }
}
