//! Hand-written support code shared by every generated operation.

/// A `tracing` event at debug level with the `tracing` feature; nothing without.
macro_rules! trace_event {
    ($($arg:tt)*) => {
        #[cfg(feature = "tracing")]
        tracing::debug!($($arg)*);
    };
}

pub mod auth;
pub mod body;
pub mod datetime;
pub mod envelope;
pub mod error;
pub mod http;
pub mod object;
pub mod paginate;
pub mod path;
pub mod query;
pub mod response;
pub mod retry;
pub mod secret;
pub mod union;
pub mod validation;
