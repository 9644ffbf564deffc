//! Hand-written support code shared by every generated operation.

pub mod auth;
pub mod body;
pub mod datetime;
pub mod envelope;
pub mod error;
pub mod http;
pub mod paginate;
pub mod path;
pub mod query;
pub mod response;
pub mod retry;
pub mod secret;
pub mod union;
pub mod validation;
