//! The OpenAPI document as JSON values, with `$ref` resolution and errors that
//! point into it (`openapi.json#/paths/~1pets/get/parameters/3: …`).

use std::fmt;

use serde_json::Value;

/// The largest document read (Cloudflare's whole API is about 4 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// The longest chain of `$ref`s followed before giving up (a loop).
const MAX_REF_HOPS: usize = 64;

/// A problem at one place of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    /// A JSON pointer (`/paths/~1pets/get`), empty for the whole document.
    pub pointer: String,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.file.is_empty(), self.pointer.is_empty()) {
            // Diagnostics of the configuration name their own file, line and column.
            (true, _) => f.write_str(&self.message),
            (false, true) => write!(f, "{}: {}", self.file, self.message),
            (false, false) => write!(f, "{}#{}: {}", self.file, self.pointer, self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// A JSON pointer being built while walking the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer one key or index further (`~` and `/` escaped).
    pub fn at(&self, key: impl fmt::Display) -> Pointer {
        let key = key.to_string().replace('~', "~0").replace('/', "~1");
        Pointer(format!("{}/{key}", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The parsed document and the name errors give it.
pub struct Document {
    pub file: String,
    pub root: Value,
}

impl Document {
    /// Parses JSON (a text starting with `{`) or YAML.
    pub fn parse(file: &str, text: &str) -> Result<Self, ImportError> {
        let error = |message: String| ImportError {
            file: file.to_string(),
            pointer: String::new(),
            message,
        };
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(error(format!(
                "the document is larger than {} MiB",
                MAX_DOCUMENT_BYTES >> 20
            )));
        }
        let root: Value = if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| error(format!("not JSON: {e}")))?
        } else {
            serde_yaml::from_str(text).map_err(|e| error(format!("not YAML: {e}")))?
        };
        let version = match root.get("openapi") {
            Some(Value::String(text)) => text.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        if !(version.starts_with("3.0.") || version.starts_with("3.1.")) {
            return Err(ImportError {
                file: file.to_string(),
                pointer: "/openapi".to_string(),
                message: format!("OpenAPI {version:?} is not 3.0 or 3.1"),
            });
        }
        Ok(Document {
            file: file.to_string(),
            root,
        })
    }

    pub fn error(&self, at: &Pointer, message: impl Into<String>) -> ImportError {
        ImportError {
            file: self.file.clone(),
            pointer: at.0.clone(),
            message: message.into(),
        }
    }

    /// `value`, or what its `$ref` chain leads to, with the pointer of the
    /// value found (the last target). Only local references are followed.
    pub fn resolve<'a>(
        &'a self,
        mut value: &'a Value,
        mut at: Pointer,
    ) -> Result<(&'a Value, Pointer), ImportError> {
        for _ in 0..MAX_REF_HOPS {
            let Some(target) = value.get("$ref") else {
                return Ok((value, at));
            };
            let Some(target) = target.as_str() else {
                return Err(self.error(&at.at("$ref"), "`$ref` is not a string"));
            };
            let Some(pointer) = target.strip_prefix('#') else {
                return Err(self.error(
                    &at.at("$ref"),
                    format!("`{target}` is not a reference into this document"),
                ));
            };
            value = self.root.pointer(pointer).ok_or_else(|| {
                self.error(&at.at("$ref"), format!("`{target}` points at nothing"))
            })?;
            at = Pointer(pointer.to_string());
        }
        Err(self.error(&at, "a chain of `$ref`s that loops"))
    }

    /// The component name a `$ref` names (`#/components/schemas/Name` → `Name`).
    pub fn ref_name(value: &Value) -> Option<&str> {
        value
            .get("$ref")?
            .as_str()?
            .strip_prefix("#/components/schemas/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_and_refs_resolve() {
        let doc = Document::parse(
            "api.json",
            r##"{"openapi": "3.0.3", "paths": {}, "components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {"type": "string"}, "L": {"$ref": "#/components/schemas/L"}}}}"##,
        )
        .unwrap();
        let at = Pointer::default().at("paths").at("/pets").at("get");
        assert_eq!(at.as_str(), "/paths/~1pets/get");
        let a = &doc.root["components"]["schemas"]["A"];
        let (b, pointer) = doc.resolve(a, Pointer::default()).unwrap();
        assert_eq!(b["type"], "string");
        assert_eq!(pointer.as_str(), "/components/schemas/B");
        let looped = doc
            .resolve(&doc.root["components"]["schemas"]["L"], Pointer::default())
            .unwrap_err();
        assert!(looped.to_string().contains("loops"), "{looped}");
        let error = Document::parse("x.yaml", "openapi: 2.0\n").err().unwrap();
        assert_eq!(
            error.to_string(),
            "x.yaml#/openapi: OpenAPI \"2.0\" is not 3.0 or 3.1"
        );
    }
}
