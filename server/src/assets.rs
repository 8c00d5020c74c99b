//! The built site's files (`/pkg/…`: the stylesheet, the script and the WebAssembly), served
//! from memory.
//!
//! At start-up each file is read once, compressed once with brotli and gzip, and given a name
//! with its content's hash (`forumplan.3f2a….css`). Pages ask for the hashed names (the server
//! writes the hashes where Leptos's `HydrationScripts` and `HashedStylesheet` read them), and
//! those are sent with `Cache-Control: public, max-age=31536000, immutable`: a new build has new
//! names, so a browser never needs to ask again. The plain names still answer, with
//! `no-cache` and an `ETag`, for anything that links to them. Each answer is the smallest the
//! browser accepts (brotli, else gzip, else as built), with `Vary: Accept-Encoding`, and a
//! matching `If-None-Match` gets `304`.
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::io::Write as _;
use std::sync::Arc;

/// One file, as built and compressed.
#[derive(Debug)]
struct Asset {
    content_type: &'static str,
    /// The first 16 hex digits of the content's SHA-256.
    hash: String,
    identity: axum::body::Bytes,
    brotli: Option<axum::body::Bytes>,
    gzip: Option<axum::body::Bytes>,
}

/// The files of `site_root/pkg`, by the names they are asked for.
#[derive(Clone, Debug, Default)]
pub struct Assets {
    /// File name → (the file, whether the name is the hashed one).
    files: Arc<HashMap<String, (Arc<Asset>, bool)>>,
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

fn compress_brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 3);
    {
        // Quality 9: within a few per cent of the smallest, and fast enough for start-up.
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 9, 22);
        let _ = writer.write_all(data);
    }
    out
}

fn compress_gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

impl Assets {
    /// Reads and compresses the files of `pkg_dir` (none when it does not exist), and returns
    /// them with the hash file's text (`js: …`, `wasm: …`, `css: …` for the files named
    /// `output_name.js`, `.wasm` and `.css`).
    ///
    /// # Errors
    /// A file that cannot be read.
    pub fn load(pkg_dir: &std::path::Path, output_name: &str) -> std::io::Result<(Assets, String)> {
        let mut files = HashMap::new();
        let mut hashes = String::new();
        let Ok(entries) = std::fs::read_dir(pkg_dir) else {
            return Ok((Assets::default(), hashes));
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".br") && !n.ends_with(".gz"))
            .collect();
        names.sort();
        for name in names {
            let data = std::fs::read(pkg_dir.join(&name))?;
            let hash = app::backend::import::sha256_hex(&data)[..16].to_owned();
            let squeezable = !name.ends_with(".png") && !name.ends_with(".jpg");
            let asset = Arc::new(Asset {
                content_type: content_type(&name),
                brotli: squeezable.then(|| compress_brotli(&data).into()),
                gzip: squeezable.then(|| compress_gzip(&data).into()),
                identity: data.into(),
                hash: hash.clone(),
            });
            let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, ""));
            if stem == output_name && matches!(ext, "js" | "wasm" | "css") {
                hashes.push_str(&format!("{ext}: {hash}\n"));
            }
            files.insert(format!("{stem}.{hash}.{ext}"), (Arc::clone(&asset), true));
            files.insert(name, (asset, false));
        }
        Ok((
            Assets {
                files: Arc::new(files),
            },
            hashes,
        ))
    }

    /// How many files there are (each under two names).
    pub fn len(&self) -> usize {
        self.files.len() / 2
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// `GET /pkg/{file}` (see the module).
pub async fn serve(
    State(assets): State<Assets>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some((asset, hashed)) = assets.files.get(&file) else {
        return (StatusCode::NOT_FOUND, "No such file.").into_response();
    };
    let accepts = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let accepts = |coding: &str| {
        accepts.split(',').any(|part| {
            let mut bits = part.split(';');
            bits.next().is_some_and(|c| c.trim() == coding)
                && !bits.any(|q| q.trim().replace(' ', "") == "q=0")
        })
    };
    let (body, coding) = match (&asset.brotli, &asset.gzip) {
        (Some(br), _) if accepts("br") => (br.clone(), Some("br")),
        (_, Some(gz)) if accepts("gzip") => (gz.clone(), Some("gzip")),
        _ => (asset.identity.clone(), None),
    };
    let etag = format!("\"{}-{}\"", asset.hash, coding.unwrap_or("identity"));
    let cache = if *hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Response::new(Body::from(body))
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if let Some(c) = coding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(c));
    }
    response
}
