//! `Client` and `ClientBuilder`: credentials from the API's auth schemes,
//! base URL, timeout and retries, and accessors for the top-level resources.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc, ident};
use crate::model::{Api, Credential};

pub fn emit_client(api: &Api) -> TokenStream {
    let credentials: Vec<&Credential> = api.auth.iter().flat_map(|s| &s.credentials).collect();
    let fields: Vec<_> = credentials.iter().map(|c| ident(&c.name)).collect();
    let setters = credentials.iter().map(|c| {
        let name = ident(&c.name);
        let env_note = c
            .env
            .as_ref()
            .map(|e| format!(" [`ClientBuilder::from_env`] reads it from `{e}`."))
            .unwrap_or_default();
        let doc = doc(&format!(
            "{}\n\nSent as the `{}` header; never printed.{}",
            c.doc.trim(),
            c.header,
            env_note
        ));
        quote! {
            #doc
            pub fn #name(mut self, value: impl Into<String>) -> Self {
                self.#name = Some(crate::runtime::secret::Secret::new(value.into()));
                self
            }
        }
    });
    let env_reads = credentials.iter().map(|c| {
        let name = ident(&c.name);
        match &c.env {
            Some(var) => quote!(#name: crate::runtime::auth::env_secret(#var),),
            None => quote!(#name: None,),
        }
    });
    let schemes = api.auth.iter().map(|scheme| {
        let scheme_name = &scheme.name;
        let slots = scheme.credentials.iter().map(|c| {
            let name = ident(&c.name);
            quote!((self.#name.as_ref(), self.env.#name.as_ref()))
        });
        let headers = scheme.credentials.iter().enumerate().map(|(i, c)| {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            let header = &c.header;
            let value = if c.prefix.is_empty() {
                quote!(found[#i].clone())
            } else {
                let prefix = &c.prefix;
                quote!(crate::runtime::secret::Secret::new(
                    format!("{}{}", #prefix, found[#i].expose())
                ))
            };
            quote!((#header, #value))
        });
        quote! {
            if !schemes.iter().any(|s| s.name == #scheme_name) {
                if let Some(found) = crate::runtime::auth::pick(&[#(#slots),*], pass) {
                    schemes.push(crate::runtime::http::AuthScheme {
                        name: #scheme_name,
                        headers: vec![#(#headers),*],
                    });
                }
            }
        }
    });
    let hint = api
        .auth
        .iter()
        .map(|s| {
            s.credentials
                .iter()
                .map(|c| match &c.env {
                    Some(env) => format!("{} (or {env})", c.name),
                    None => c.name.clone(),
                })
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect::<Vec<_>>()
        .join("; or ");
    let missing = format!("no complete credentials: set {hint}");
    let base_url = &api.base_url;
    let env_base = match &api.base_url_env {
        Some(var) => quote!(::std::env::var(#var).ok().filter(|v| !v.is_empty())),
        None => quote!(None),
    };
    let env_doc = {
        let mut vars: Vec<String> = credentials.iter().filter_map(|c| c.env.clone()).collect();
        vars.extend(api.base_url_env.clone());
        vars.iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let from_env_doc = doc(&format!(
        "A builder holding what the environment sets ({env_doc}); settings made on it afterwards win."
    ));
    let user_agent = format!("{}/{} (rust)", api.user_agent, api.version);
    let timeout = api.timeout_seconds;
    let retries = api.max_retries;
    let builder_doc = doc(&format!(
        "Configures a [`Client`]. Defaults: base URL `{base_url}`, timeout {timeout} s per attempt and for the whole call, {retries} retries, responses up to 32 MiB, auto-paging up to 10,000 pages."
    ));
    // A module of types only has no handle to reach.
    let accessors = api
        .root
        .children
        .iter()
        .filter(|c| c.has_operations())
        .map(|child| {
            let module = ident(&child.name);
            let handle = ident(&child.handle);
            let doc = doc(child.doc.trim().lines().next().unwrap_or(""));
            let cfg = super::group_cfg(&child.name);
            quote! {
                #doc
                #cfg
                pub fn #module(&self) -> crate::#module::#handle<'_> {
                    crate::#module::#handle::new(self)
                }
            }
        });
    quote! {
        /// A client of the API: cheap to clone (the connection pool is shared).
        #[derive(Debug, Clone)]
        pub struct Client {
            http: ::std::sync::Arc<crate::runtime::http::HttpClient>,
        }

        impl Client {
            /// The base URL used when none is configured.
            pub const DEFAULT_BASE_URL: &'static str = #base_url;

            /// Starts configuring a client; nothing is read from the environment.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// A client configured from the environment alone.
            pub fn from_env() -> Result<Self, crate::Error> {
                ClientBuilder::from_env().build()
            }

            // Unused only when every group's feature is off.
            #[allow(dead_code)]
            pub(crate) fn http(&self) -> &crate::runtime::http::HttpClient {
                &self.http
            }

            #(#accessors)*
        }

        #builder_doc
        #[derive(Debug, Clone, Default)]
        pub struct ClientBuilder {
            #(#fields: Option<crate::runtime::secret::Secret>,)*
            base_url: Option<String>,
            timeout: Option<::std::time::Duration>,
            total_timeout: Option<::std::time::Duration>,
            max_retries: Option<u32>,
            max_response_bytes: Option<u64>,
            max_pages: Option<u32>,
            http_client: Option<::reqwest::Client>,
            env: EnvSettings,
        }

        /// What the environment held when [`ClientBuilder::from_env`] ran.
        #[derive(Debug, Clone, Default)]
        struct EnvSettings {
            #(#fields: Option<crate::runtime::secret::Secret>,)*
            base_url: Option<String>,
        }

        impl ClientBuilder {
            #from_env_doc
            pub fn from_env() -> Self {
                Self {
                    env: EnvSettings {
                        #(#env_reads)*
                        base_url: #env_base,
                    },
                    ..Self::default()
                }
            }

            #(#setters)*

            /// The API's base URL, e.g. a local mock server's.
            pub fn base_url(mut self, value: impl Into<String>) -> Self {
                self.base_url = Some(value.into());
                self
            }

            /// How long one attempt may take, from connecting to the last byte
            /// of the body. Also the whole call's budget unless
            /// [`Self::total_timeout`] is set.
            pub fn timeout(mut self, value: ::std::time::Duration) -> Self {
                self.timeout = Some(value);
                self
            }

            /// How long a whole call may take: every attempt, and every wait
            /// between attempts. An attempt gets what is left when that is less
            /// than [`Self::timeout`], and a retry whose wait would end past the
            /// budget is not made. Defaults to the timeout; set it longer than
            /// the timeout to let a timed-out attempt be retried.
            pub fn total_timeout(mut self, value: ::std::time::Duration) -> Self {
                self.total_timeout = Some(value);
                self
            }

            /// How many times a failed attempt is retried (0 turns retries off).
            /// A server-named wait (`retry-after-ms`, `retry-after`) longer than
            /// 60 s is not obeyed: the usual backoff (0.5 s doubling, at most 8 s)
            /// is used instead, so a server cannot park a call.
            pub fn max_retries(mut self, value: u32) -> Self {
                self.max_retries = Some(value);
                self
            }

            /// The largest response body read, in bytes (default 32 MiB). A
            /// larger one is [`crate::Error::ResponseTooLarge`]: refused from its
            /// `Content-Length`, or when reading reaches the limit.
            pub fn max_response_bytes(mut self, value: u64) -> Self {
                self.max_response_bytes = Some(value);
                self
            }

            /// The most pages one auto-paging stream fetches (default 10,000). Past
            /// it the stream ends with [`crate::Error::PaginationLimit`].
            pub fn max_pages(mut self, value: u32) -> Self {
                self.max_pages = Some(value);
                self
            }

            /// Sends requests with this `reqwest::Client` (proxies, custom root
            /// certificates, middleware) instead of one the SDK builds. It is
            /// used as it is: its redirect policy applies (the SDK's own client
            /// follows none, as one to another host would carry the credential
            /// headers along), and its own timeouts add to the SDK's.
            pub fn http_client(mut self, client: ::reqwest::Client) -> Self {
                self.http_client = Some(client);
                self
            }

            /// Every scheme whose credentials are complete, most preferred
            /// first: explicit credentials; then explicit ones completed by the
            /// environment; then the environment alone; schemes in the API's
            /// order within each. An operation sends the first it accepts.
            fn auth_schemes(&self) -> Result<Vec<crate::runtime::http::AuthScheme>, crate::Error> {
                let mut schemes: Vec<crate::runtime::http::AuthScheme> = Vec::new();
                for pass in 0..3u8 {
                    #(#schemes)*
                }
                if schemes.is_empty() {
                    return Err(crate::Error::Config(#missing.to_owned()));
                }
                Ok(schemes)
            }

            /// Checks the settings and makes the client.
            pub fn build(self) -> Result<Client, crate::Error> {
                let auth_schemes = self.auth_schemes()?;
                let base_url = self.base_url.or(self.env.base_url).unwrap_or_else(|| Client::DEFAULT_BASE_URL.to_owned());
                let timeout = self.timeout.unwrap_or(::std::time::Duration::from_secs(#timeout));
                let http = crate::runtime::http::HttpClient::new(crate::runtime::http::HttpConfig {
                    base_url,
                    timeout,
                    total_timeout: self.total_timeout.unwrap_or(timeout),
                    max_retries: self.max_retries.unwrap_or(#retries),
                    max_response_bytes: self.max_response_bytes.unwrap_or(crate::runtime::http::DEFAULT_MAX_RESPONSE_BYTES),
                    max_pages: self.max_pages.unwrap_or(crate::runtime::paginate::DEFAULT_MAX_PAGES),
                    user_agent: #user_agent.to_owned(),
                    auth_schemes,
                    client: self.http_client,
                })?;
                Ok(Client { http: ::std::sync::Arc::new(http) })
            }
        }
    }
}
