import socket, sys
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.setsockopt(socket.SOL_SOCKET,socket.SO_RCVBUF,8<<20)
s.bind(('127.0.0.1',int(sys.argv[1]))); s.settimeout(3)
out=open(sys.argv[2],'w')
try:
    while True:
        d,_=s.recvfrom(65535); out.write(d.hex()+'\n'); out.flush()
except socket.timeout: pass
