"""Runs a Python program (yt-dlp) so that it can reach nothing but the job's egress guard.

The worker starts ``python -I confine.py PROGRAM ARGS...`` with ``YTW_EGRESS_GUARD_PORT`` set to
the guard's loopback port. Before PROGRAM runs, this module wraps the places where Python code
opens connections or starts programs, so that whatever protocol an input leads yt-dlp to (ftp,
rtmp, rtsp, mms, ws, raw tcp or udp...), the only socket it can open goes to 127.0.0.1:PORT:

- socket.socket.connect / connect_ex / sendto / sendmsg: any other destination is refused;
- name lookups (getaddrinfo, gethostbyname...): refused except for IP literals, so a lead
  cannot even make the worker's resolver ask about a name;
- programs: ffmpeg and ffprobe may run on local files and pipes only (each input gets
  ``-protocol_whitelist file,pipe``), deno only without network, program, FFI or import permissions; every other
  program (rtmpdump, mpv, aria2c, node...) and os.system / os.exec* / os.posix_spawn are refused.

curl_cffi (libcurl, whose connections Python cannot see) is made unimportable, so yt-dlp keeps to
its Python request handlers.

Each refusal prints one line ``ytw-egress-refused: WHAT`` on stderr, which the worker turns into
the job's error ("led to ftp://127.0.0.1:2121, which jobs may not reach"). Code outside Python
(C extensions with their own sockets) is not covered; the images ship none that yt-dlp uses for
downloads. The worker copies this file into each job's private folder.
"""

import errno
import os
import runpy
import socket
import subprocess
import sys
import threading

MARK = 'ytw-egress-refused: '
GUARD = ('127.0.0.1', int(os.environ.get('YTW_EGRESS_GUARD_PORT') or '0'))
FFMPEG = {os.path.basename(p) for p in os.environ.get('YTW_EGRESS_FFMPEG', 'ffmpeg').split(os.pathsep) if p}
FFPROBE = {os.path.basename(p) for p in os.environ.get('YTW_EGRESS_FFPROBE', 'ffprobe').split(os.pathsep) if p}
JS_RUNTIMES = {'deno'}
# deno permissions that would let a script reach the network or start programs (yt-dlp grants none)
DENO_OPENINGS = ('-A', '-N', '-S', '-I', '--allow-all', '--allow-net', '--allow-run', '--allow-ffi', '--allow-import',
                 '--allow-sys')
LOCAL_ONLY = ['-protocol_whitelist', 'file,pipe']

# the protocol a connection serves, from the module that opens it (for the refusal message)
PROTOCOL_OF_MODULE = (('ftplib', 'ftp'), ('http.client', 'http'), ('urllib3', 'http'), ('websockets', 'ws'),
                      ('smtplib', 'smtp'), ('telnetlib', 'telnet'), ('poplib', 'pop'), ('imaplib', 'imap'),
                      ('nntplib', 'nntp'), ('asyncio', 'tcp'))

_in_subprocess = threading.local()


def _report(what):
    try:
        sys.stderr.write(MARK + what + '\n')
        sys.stderr.flush()
    except Exception:
        pass


def _refusal(what):
    _report(what)
    return PermissionError(errno.EACCES, 'the worker refused this: led to %s, which jobs may not reach '
                                         '(only the egress guard may be contacted)' % what)


def _protocol(sock_type):
    frame = sys._getframe(2)
    while frame is not None:
        module = frame.f_globals.get('__name__', '')
        for prefix, protocol in PROTOCOL_OF_MODULE:
            if module == prefix or module.startswith(prefix + '.'):
                return protocol
        frame = frame.f_back
    return 'udp' if sock_type == socket.SOCK_DGRAM else 'tcp'


def _describe(sock, address):
    if isinstance(address, tuple) and len(address) >= 2:
        host, port = address[0], address[1]
        host = '[%s]' % host if ':' in str(host) else host
        return '%s://%s:%s' % (_protocol(sock.type), host, port)
    return '%s socket %r' % ('unix' if sock.family == getattr(socket, 'AF_UNIX', None) else 'a', address)


def _is_guard(sock, address):
    return (sock.family == socket.AF_INET and isinstance(address, tuple)
            and address[0] == GUARD[0] and address[1] == GUARD[1] and GUARD[1] != 0)


def _wrap_socket():
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto
    real_sendmsg = socket.socket.sendmsg

    def connect(self, address):
        if not _is_guard(self, address):
            raise _refusal(_describe(self, address))
        return real_connect(self, address)

    def connect_ex(self, address):
        if not _is_guard(self, address):
            raise _refusal(_describe(self, address))
        return real_connect_ex(self, address)

    def sendto(self, data, *args):
        raise _refusal(_describe(self, args[-1] if args else None))

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):
        if address is not None:
            raise _refusal(_describe(self, address))
        return real_sendmsg(self, buffers, ancdata, flags)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
    socket.socket.sendmsg = sendmsg


def _is_literal(host):
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode('ascii', 'replace')
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            socket.inet_pton(family, host.split('%')[0])
            return True
        except (OSError, ValueError):
            pass
    return False


def _wrap_lookups():
    real_getaddrinfo = socket.getaddrinfo

    def refused_lookup(host, port=None):
        _report('a lookup of %s%s' % (host, '' if port in (None, 0) else ':%s' % port))
        return socket.gaierror(socket.EAI_NONAME, 'the worker refused this: name lookups are not allowed '
                                                  '(only the egress guard may be contacted)')

    def getaddrinfo(host, port, *args, **kwargs):
        if not _is_literal(host):
            raise refused_lookup(host, port)
        return real_getaddrinfo(host, port, *args, **kwargs)

    def by_name(real):
        def lookup(host, *args):
            if not _is_literal(host):
                raise refused_lookup(host)
            return real(host, *args)
        return lookup

    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = by_name(socket.gethostbyname)
    socket.gethostbyname_ex = by_name(socket.gethostbyname_ex)
    socket.gethostbyaddr = by_name(socket.gethostbyaddr)


def _has_scheme(arg):
    """True for URL-like arguments such as https://x or rtmp:x (not file: or pipe:)."""
    head = arg.split(':', 1)[0]
    if ':' not in arg or not head or not head[0].isalpha() or len(head) < 2:
        return False
    if not all(c.isalnum() or c in '+.-' for c in head):
        return False
    return head.lower() not in ('file', 'pipe')


def _first_url(args):
    for arg in args:
        if isinstance(arg, str) and '://' in arg and _has_scheme(arg):
            return arg
    return None


def _short(url):
    url = url.split('?', 1)[0].split('#', 1)[0]
    return url if len(url) <= 120 else url[:120] + '...'


def _confined_ffmpeg(args):
    """ffmpeg with every input limited to local files and pipes; None when an input is a URL."""
    out = [args[0]]
    i = 1
    while i < len(args):
        arg = args[i]
        if arg == '-i' and i + 1 < len(args):
            if _has_scheme(args[i + 1]):
                return None
            out += LOCAL_ONLY + ['-i', args[i + 1]]
            i += 2
            continue
        out.append(arg)
        i += 1
    if len(args) > 1 and _has_scheme(args[-1]):
        return None  # the output is a network address
    return out


def _confined_command(args):
    """The command to run instead of ``args``, or a refusal (an exception) to raise."""
    if isinstance(args, (str, bytes)):
        return _refusal('running a shell command')
    args = [os.fsdecode(a) if isinstance(a, (bytes, os.PathLike)) else a for a in args]
    name = os.path.basename(args[0]) if args else ''
    url = _first_url(args)
    if name in FFMPEG:
        confined = _confined_ffmpeg(args)
        if confined is None:
            return _refusal('%s (read by ffmpeg)' % _short(url or 'a network address'))
        return confined
    if name in FFPROBE:
        if any(_has_scheme(a) for a in args[1:] if isinstance(a, str) and not a.startswith('-')):
            return _refusal('%s (read by ffprobe)' % _short(url or 'a network address'))
        return [args[0]] + LOCAL_ONLY + args[1:]
    if name in JS_RUNTIMES and not any(isinstance(a, str) and (a in DENO_OPENINGS or a.split('=')[0] in DENO_OPENINGS)
                                       for a in args[1:]):
        return args
    if url is not None:
        return _refusal('%s (through %s)' % (_short(url), name))
    # e.g. yt-dlp checking whether rtmpdump or aria2c is installed: it is not, as far as it knows
    return FileNotFoundError(errno.ENOENT, 'the worker does not let yt-dlp run %s' % name, args[0] if args else '')


def _wrap_programs():
    real_execute_child = subprocess.Popen._execute_child

    def execute_child(self, args, executable, *rest):
        if executable is not None:
            return_value = _confined_command([executable] + list(args)[1:] if not isinstance(args, (str, bytes))
                                             else args)
        else:
            return_value = _confined_command(args)
        if isinstance(return_value, BaseException):
            raise return_value
        _in_subprocess.active = True
        try:
            return real_execute_child(self, return_value, None, *rest)
        finally:
            _in_subprocess.active = False

    subprocess.Popen._execute_child = execute_child

    def refuse_program(real):
        def run(*args, **kwargs):
            if getattr(_in_subprocess, 'active', False):
                return real(*args, **kwargs)
            raise _refusal('running a program outside the worker\'s control')
        return run

    for name in ('system', 'execv', 'execve', 'posix_spawn', 'posix_spawnp'):
        if hasattr(os, name):
            setattr(os, name, refuse_program(getattr(os, name)))


def main():
    if len(sys.argv) < 2:
        sys.stderr.write('usage: confine.py PROGRAM [ARGS...]\n')
        sys.exit(2)
    program = sys.argv[1]
    sys.modules['curl_cffi'] = None  # import fails; yt-dlp treats it as not installed
    _wrap_socket()
    _wrap_lookups()
    _wrap_programs()
    sys.argv = sys.argv[1:]
    runpy.run_path(program, run_name='__main__')


if __name__ == '__main__':
    main()
