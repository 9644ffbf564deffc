//! `Client::from_env` and `ClientBuilder::from_env`: what the environment
//! sets, and explicit settings winning over it.
//!
//! Environment variables are process-wide, so this file is its own test
//! binary and everything that touches them is in one test, behind a lock in
//! case another test is ever added here.

use std::sync::Mutex;
use std::time::Duration;

use cloudflare_api::ai_gateway::logs::LogListParams;
use cloudflare_api::{Client, ClientBuilder, Error};
use sdk_tests::bodies::{list_body, ACCOUNT_ID};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

static ENV_LOCK: Mutex<()> = Mutex::new(());

const VARS: [&str; 5] = [
    "CLOUDFLARE_API_TOKEN",
    "CLOUDFLARE_API_KEY",
    "CLOUDFLARE_EMAIL",
    "CLOUDFLARE_API_USER_SERVICE_KEY",
    "CLOUDFLARE_BASE_URL",
];

/// Sets exactly `vars` among the client's variables, unsetting the rest.
fn set_env(vars: &[(&str, &str)]) {
    for name in VARS {
        std::env::remove_var(name);
    }
    for (name, value) in vars {
        assert!(VARS.contains(name), "{name}");
        std::env::set_var(name, value);
    }
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(list_body([1], None).into_bytes(), "application/json"),
        )
        .mount(&server)
        .await;
    server
}

fn base_url(server: &MockServer) -> String {
    format!("{}/client/v4", server.uri())
}

/// Lists once and returns the one request `server` received since `before` requests.
async fn list_once(client: &Client, server: &MockServer) -> Request {
    let before = server.received_requests().await.unwrap().len();
    let params = LogListParams::builder(ACCOUNT_ID).build().unwrap();
    client
        .ai_gateway()
        .logs()
        .list("gw", &params)
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), before + 1, "one request to this server");
    received.last().unwrap().clone()
}

fn auth(request: &Request) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = [
        "authorization",
        "x-auth-key",
        "x-auth-email",
        "x-auth-user-service-key",
    ]
    .into_iter()
    .filter_map(|name| {
        request
            .headers
            .get(name)
            .map(|v| (name.to_owned(), v.to_str().unwrap().to_owned()))
    })
    .collect();
    found.sort();
    found
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = list
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn environment_settings_and_explicit_ones_winning() {
    // Held for the whole test, so the lock is taken outside the runtime.
    let _guard = ENV_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(environment_settings());
}

async fn environment_settings() {
    let env_server = server().await;
    let explicit_server = server().await;

    // The environment alone: token and base URL.
    set_env(&[
        ("CLOUDFLARE_API_TOKEN", "env-token-sekrit"),
        ("CLOUDFLARE_BASE_URL", &base_url(&env_server)),
    ]);
    let client = Client::from_env().unwrap();
    let request = list_once(&client, &env_server).await;
    assert_eq!(
        auth(&request),
        pairs(&[("authorization", "Bearer env-token-sekrit")])
    );
    assert_eq!(request.headers["user-agent"], "cloudflare-api/0.2.0 (rust)");

    // Explicit token and base URL win over the environment's.
    let client = ClientBuilder::from_env()
        .api_token("explicit-token")
        .base_url(base_url(&explicit_server))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let request = list_once(&client, &explicit_server).await;
    assert_eq!(
        auth(&request),
        pairs(&[("authorization", "Bearer explicit-token")])
    );

    // An explicit key + email pair wins over the environment's token.
    let client = ClientBuilder::from_env()
        .api_key("explicit-key")
        .api_email("explicit@example.com")
        .build()
        .unwrap();
    let request = list_once(&client, &env_server).await;
    assert_eq!(
        auth(&request),
        pairs(&[
            ("x-auth-key", "explicit-key"),
            ("x-auth-email", "explicit@example.com")
        ])
    );

    // An explicit key is completed by the environment's email, and still wins over its token.
    set_env(&[
        ("CLOUDFLARE_API_TOKEN", "env-token-sekrit"),
        ("CLOUDFLARE_EMAIL", "env@example.com"),
        ("CLOUDFLARE_BASE_URL", &base_url(&env_server)),
    ]);
    let client = ClientBuilder::from_env()
        .api_key("explicit-key")
        .build()
        .unwrap();
    let request = list_once(&client, &env_server).await;
    assert_eq!(
        auth(&request),
        pairs(&[
            ("x-auth-key", "explicit-key"),
            ("x-auth-email", "env@example.com")
        ])
    );

    // The environment's key + email pair and service key.
    set_env(&[
        ("CLOUDFLARE_API_KEY", "env-key-sekrit"),
        ("CLOUDFLARE_EMAIL", "env@example.com"),
        ("CLOUDFLARE_BASE_URL", &base_url(&env_server)),
    ]);
    let request = list_once(&Client::from_env().unwrap(), &env_server).await;
    assert_eq!(
        auth(&request),
        pairs(&[
            ("x-auth-key", "env-key-sekrit"),
            ("x-auth-email", "env@example.com")
        ])
    );
    set_env(&[
        ("CLOUDFLARE_API_USER_SERVICE_KEY", "env-svc-sekrit"),
        ("CLOUDFLARE_BASE_URL", &base_url(&env_server)),
    ]);
    // The service key is read, but logs.list does not accept it: refused before sending.
    let before = env_server.received_requests().await.unwrap().len();
    let params = LogListParams::builder(ACCOUNT_ID).build().unwrap();
    let client = Client::from_env().unwrap();
    let error = client
        .ai_gateway()
        .logs()
        .list("gw", &params)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("user_service_key")),
        "{error:?}"
    );
    assert!(!error.to_string().contains("env-svc-sekrit"));
    assert_eq!(env_server.received_requests().await.unwrap().len(), before);

    // Secrets read from the environment never show in Debug.
    set_env(&[
        ("CLOUDFLARE_API_TOKEN", "env-token-sekrit"),
        ("CLOUDFLARE_API_KEY", "env-key-sekrit"),
        ("CLOUDFLARE_EMAIL", "env@example.com"),
        ("CLOUDFLARE_API_USER_SERVICE_KEY", "env-svc-sekrit"),
    ]);
    let builder = ClientBuilder::from_env();
    let client = builder.clone().build().unwrap();
    let shown = format!("{builder:?} {builder:#?} {client:?}");
    for secret in [
        "env-token-sekrit",
        "env-key-sekrit",
        "env-svc-sekrit",
        "env@example.com",
    ] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    // Without CLOUDFLARE_BASE_URL, the API's own base URL.
    assert!(
        format!("{client:?}").contains("https://api.cloudflare.com/client/v4"),
        "{client:?}"
    );

    // Empty variables count as unset; an incomplete pair is no credential.
    set_env(&[
        ("CLOUDFLARE_API_TOKEN", ""),
        ("CLOUDFLARE_API_KEY", "env-key-sekrit"),
    ]);
    let error = Client::from_env().unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("CLOUDFLARE_API_TOKEN")),
        "{error:?}"
    );
    assert!(!error.to_string().contains("env-key-sekrit"));

    // `Client::builder()` reads nothing from the environment.
    set_env(&[("CLOUDFLARE_API_TOKEN", "env-token-sekrit")]);
    assert!(matches!(Client::builder().build(), Err(Error::Config(_))));

    set_env(&[]);
}
