import struct, sys, random
random.seed(int(sys.argv[2]) if len(sys.argv)>2 else 1)
out=open(sys.argv[1],'wb')
out.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,1))
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16; return (~s)&0xffff
t=1700000000.0
flows=[]
for i in range(40):
    src=(10<<24)|(1<<16)|(i%7+1); dst=(192<<24)|(168<<16)|(i%5+1)
    proto=6 if i%3 else 17
    sp=20000+i; dp=[80,443,53,22][i%4]
    n=random.randint(1,12)
    flows.append((src,dst,proto,sp,dp,n))
pk=0;by=0
for (src,dst,proto,sp,dp,n) in flows:
    for k in range(n):
        payload=b'x'*random.randint(0,300)
        if proto==6: l4=struct.pack('!HHIIBBHHH',sp,dp,k,0,0x50,0x18 if k else 0x02,1024,0,0)+payload
        else: l4=struct.pack('!HHHH',sp,dp,8+len(payload),0)+payload
        tl=20+len(l4)
        ip=struct.pack('!BBHHHBBHII',0x45,0,tl,k,0,64,proto,0,src,dst)
        ip=ip[:10]+struct.pack('!H',csum(ip))+ip[12:]
        eth=b'\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x08\x00'
        frame=eth+ip+l4
        t+=0.01
        out.write(struct.pack('<IIII',int(t),int((t%1)*1e6),len(frame),len(frame))+frame)
        pk+=1;by+=tl
print(len(flows),pk,by)
