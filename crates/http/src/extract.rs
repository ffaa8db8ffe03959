//! Extractors whose every rejection is our problem+json: JSON bodies (with read-only fields
//! ignored and unknown fields named), path ids, query strings, `If-Match`, and the actor.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use eventmgr_app::{Actor, AppError};
use eventmgr_domain::FieldError;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::problem::ApiError;

/// Fields the server computes. A client may send them back (a GET body edited and sent
/// again); they are dropped before parsing, never trusted.
const READ_ONLY: [&str; 8] = [
    "id",
    "version",
    "created_at",
    "updated_at",
    "deleted_at",
    "created_by",
    "total_price",
    "rollup_total",
];

/// A JSON body parsed into `T`, plus the `version` it carried (if any).
pub struct ApiJson<T> {
    pub value: T,
    pub body_version: Option<i64>,
}

pub(crate) fn is_json(content_type: Option<&str>) -> bool {
    content_type
        .and_then(|ct| ct.split(';').next())
        .map(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json"
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        })
        .unwrap_or(false)
}

fn bytes_rejection(rejection: BytesRejection) -> ApiError {
    let text = rejection.body_text();
    if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE
        || text.contains("length limit")
    {
        ApiError::PayloadTooLarge("the request body exceeds the limit of 1 MiB".to_owned())
    } else {
        ApiError::bad_request("the request body could not be read")
    }
}

/// The name inside the first pair of backticks of a serde message: "unknown field `foo`".
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// Turns a serde error at `path` into a field error that names the field.
fn field_error(path: &str, message: &str) -> FieldError {
    // serde_path_to_error puts an unknown field's own name at the end of the path already.
    let under = |name: &str| {
        if path.is_empty() || path == "." {
            name.to_owned()
        } else if path == name || path.ends_with(&format!(".{name}")) {
            path.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    if message.starts_with("unknown field") {
        let name = quoted(message).unwrap_or("?");
        FieldError::new(
            under(name),
            "unknown_field",
            format!("{name} is not a field of this resource"),
        )
    } else if message.starts_with("missing field") {
        let name = quoted(message).unwrap_or("?");
        FieldError::new(under(name), "required", format!("{name} is required"))
    } else {
        let field = if path.is_empty() || path == "." {
            "body".to_owned()
        } else {
            path.to_owned()
        };
        // serde's text ("invalid type: integer `5`, expected a string") describes the type,
        // never server internals, so it is safe and useful to pass on.
        let clean = message.split(" at line ").next().unwrap_or(message);
        FieldError::new(field.clone(), "invalid_type", format!("{field}: {clean}"))
    }
}

/// Parses a JSON document into `T` the way every endpoint does.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<ApiJson<T>, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("a JSON body is required"));
    }
    let mut document: Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_request(format!(
            "malformed JSON: {}",
            e.to_string()
                .split(" at line ")
                .next()
                .unwrap_or("syntax error")
        ))
    })?;
    let mut body_version = None;
    if let Value::Object(map) = &mut document {
        if let Some(version) = map.get("version") {
            body_version = match version {
                Value::Number(n) => n.as_i64(),
                Value::Null => None,
                _ => {
                    return Err(ApiError::validation(
                        "version",
                        "invalid_type",
                        "version must be an integer",
                    ));
                }
            };
        }
        for key in READ_ONLY {
            map.remove(key);
        }
    }
    let value = serde_path_to_error::deserialize(document).map_err(|e| {
        let path = e.path().to_string();
        ApiError::App(AppError::Validation(vec![field_error(
            &path,
            &e.inner().to_string(),
        )]))
    })?;
    Ok(ApiJson {
        value,
        body_version,
    })
}

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if !is_json(content_type.as_deref()) {
            return Err(ApiError::UnsupportedMediaType(
                "send the body as application/json".to_owned(),
            ));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(bytes_rejection)?;
        parse_json(&bytes)
    }
}

/// A path parameter; a malformed id is a 400 naming the parameter.
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => {
                Err(ApiError::bad_request(format!(
                    "invalid path parameter: {}",
                    e.body_text().split(": ").last().unwrap_or("malformed")
                )))
            }
            Err(_) => Err(ApiError::bad_request("invalid path parameter")),
        }
    }
}

/// A query string parsed into `T`; a bad parameter is a 400 naming it.
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(QueryRejection::FailedToDeserializeQueryString(e)) => {
                Err(ApiError::bad_request(format!(
                    "invalid query string: {}",
                    e.body_text()
                        .trim_start_matches("Failed to deserialize query string: ")
                )))
            }
            Err(_) => Err(ApiError::bad_request("invalid query string")),
        }
    }
}

/// The version a write is conditional on: `If-Match: "3"` (or `W/"3"`), else none.
pub struct IfMatch(pub Option<i64>);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Some(raw) = parts.headers.get(header::IF_MATCH) else {
            return Ok(IfMatch(None));
        };
        let text = raw
            .to_str()
            .map_err(|_| ApiError::bad_request("If-Match must be a version such as \"3\""))?
            .trim();
        if text == "*" {
            return Ok(IfMatch(None));
        }
        let digits = text.trim_start_matches("W/").trim_matches('"');
        digits
            .parse::<i64>()
            .map(|v| IfMatch(Some(v)))
            .map_err(|_| ApiError::bad_request("If-Match must be a version such as \"3\""))
    }
}

impl IfMatch {
    /// The header wins over a `version` in the body; either makes the write conditional.
    pub fn or_body(self, body_version: Option<i64>) -> Option<i64> {
        self.0.or(body_version)
    }
}

/// The authenticated caller, put in place by the authentication middleware.
pub struct CurrentActor(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for CurrentActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Actor>()
            .cloned()
            .map(CurrentActor)
            .ok_or_else(|| {
                ApiError::App(AppError::Unauthenticated(
                    "a bearer token is required".to_owned(),
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Thing {
        name: String,
        count: Option<u32>,
    }

    fn fields(err: ApiError) -> Vec<(String, &'static str)> {
        match err {
            ApiError::App(AppError::Validation(errors)) => {
                errors.into_iter().map(|e| (e.field, e.code)).collect()
            }
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn read_only_fields_are_ignored_and_version_is_kept() {
        let parsed: ApiJson<Thing> =
            parse_json(br#"{"name":"x","id":"abc","created_at":"t","version":4}"#).unwrap();
        assert_eq!(parsed.value.name, "x");
        assert_eq!(parsed.body_version, Some(4));
    }

    #[test]
    fn unknown_missing_and_mistyped_fields_are_named() {
        assert_eq!(
            fields(
                parse_json::<Thing>(br#"{"name":"x","nmae":"y"}"#)
                    .err()
                    .unwrap()
            ),
            [("nmae".to_owned(), "unknown_field")]
        );
        assert_eq!(
            fields(parse_json::<Thing>(br#"{}"#).err().unwrap()),
            [("name".to_owned(), "required")]
        );
        assert_eq!(
            fields(parse_json::<Thing>(br#"{"name":5}"#).err().unwrap()),
            [("name".to_owned(), "invalid_type")]
        );
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        assert!(matches!(
            parse_json::<Thing>(b"{\"name\":").err().unwrap(),
            ApiError::App(AppError::BadRequest(_))
        ));
        assert!(matches!(
            parse_json::<Thing>(b"  ").err().unwrap(),
            ApiError::App(AppError::BadRequest(_))
        ));
    }

    #[test]
    fn json_content_types() {
        assert!(is_json(Some("application/json; charset=utf-8")));
        assert!(is_json(Some("application/merge-patch+json")));
        assert!(!is_json(Some("text/plain")));
        assert!(!is_json(None));
    }
}
