//! Success bodies that are not JSON: bytes with their content type, and text.

use bytes::Bytes;

use super::error::Error;
use super::http::Response;

/// A body returned as it came: an image, a PDF, a CSV file, a packet
/// capture. Holds the bytes without a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binary {
    /// The `Content-Type` the server sent (for example `image/png`), if any.
    pub content_type: Option<String>,
    /// The body.
    pub bytes: Bytes,
}

impl Binary {
    /// The content type without its parameters, lower-cased:
    /// `text/csv; charset=utf-8` gives `text/csv`.
    pub fn media_type(&self) -> Option<String> {
        let content_type = self.content_type.as_deref()?;
        let media_type = content_type.split(';').next().unwrap_or("").trim();
        (!media_type.is_empty()).then(|| media_type.to_ascii_lowercase())
    }
}

/// The body and content type of `response`, as they are.
pub fn decode_bytes(response: Response) -> Result<Binary, Error> {
    Ok(Binary {
        content_type: response.content_type,
        bytes: response.body,
    })
}

/// The body of `response` as text. A body that is not UTF-8 is
/// [`Error::Decode`]: the operation promises text, and a lossy copy would
/// hide the mistake.
pub fn decode_text(response: Response) -> Result<String, Error> {
    match String::from_utf8(Vec::from(response.body)) {
        Ok(text) => Ok(text),
        Err(e) => {
            let source = <serde_json::Error as serde::de::Error>::custom(format_args!(
                "the body is not UTF-8 text: {}",
                e.utf8_error()
            ));
            Err(Error::decode(response.status, e.as_bytes(), source))
        }
    }
}

/// A response whose body nothing reads (no envelope, nothing expected).
pub fn ignore(response: Response) -> Result<(), Error> {
    let _ = response;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(content_type: Option<&str>, body: &'static [u8]) -> Response {
        Response {
            status: 200,
            content_type: content_type.map(str::to_owned),
            body: Bytes::from_static(body),
        }
    }

    #[test]
    fn bytes_keep_their_content_type() {
        let png = decode_bytes(response(Some("Image/PNG"), b"\x89PNG\r\n")).unwrap();
        assert_eq!(png.bytes.as_ref(), b"\x89PNG\r\n");
        assert_eq!(png.media_type().as_deref(), Some("image/png"));
        let csv = decode_bytes(response(Some("text/csv; charset=utf-8"), b"a,b\n")).unwrap();
        assert_eq!(csv.media_type().as_deref(), Some("text/csv"));
        let none = decode_bytes(response(None, b"")).unwrap();
        assert_eq!((none.media_type(), none.bytes.len()), (None, 0));
    }

    #[test]
    fn text_must_be_utf8() {
        assert_eq!(decode_text(response(None, "héllo".as_bytes())).unwrap(), "héllo");
        assert_eq!(decode_text(response(None, b"")).unwrap(), "");
        let error = decode_text(response(None, b"ok \xff")).unwrap_err();
        assert!(matches!(&error, Error::Decode { status: 200, .. }), "{error:?}");
        assert!(error.to_string().contains("not UTF-8"), "{error}");
    }
}
