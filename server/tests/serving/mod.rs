//! A `forumplan serve` process for the command-line tests: started on a free port, waited for,
//! killed when dropped.
#![allow(dead_code, reason = "each test file uses a different subset")]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// The server process; killed when dropped.
pub struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs `cmd` (a `forumplan` command with its database set) as `serve --addr 127.0.0.1:PORT`
/// followed by `extra`, and waits until it accepts connections.
pub fn start(mut cmd: Command, port: u16, extra: &[&str]) -> Server {
    let child = cmd
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return server;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("server did not start on port {port}");
}

/// A plain HTTP/1.1 request as a browser sends it (accepting HTML, from this site): status code
/// and the whole response (head and body).
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Accept: text/html\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response)
}

/// A GET with an optional cookie.
pub fn get(port: u16, path: &str, cookie: Option<&str>) -> (u16, String) {
    request(port, "GET", path, cookie, "")
}

/// A response header's value.
pub fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    let head = response.split("\r\n\r\n").next()?;
    head.lines().find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// Signs in as a demo account; returns the session cookie (`fp_session=…`).
pub fn sign_in(port: u16, email: &str) -> String {
    let body = format!(
        "email={}&password=forumplan-demo",
        email.replace('@', "%40")
    );
    let (status, response) = request(port, "POST", "/api/sign_in", None, &body);
    assert_eq!(status, 302, "{response}");
    let set = header(&response, "set-cookie").expect("a session cookie");
    set.split(';').next().expect("name=value").to_owned()
}
