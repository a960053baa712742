// What a system call costs on this machine (series BC): getppid (the entry and exit alone), a non-blocking recvfrom
// on an empty UDP socket (what the Java floor's every second read is), and a datagram of 172 bytes read by recvfrom
// (the receive loops' way, one per packet) against recvmmsg of 64 (the C floor's way), on loopback, CPU of the process:
//   gcc -O2 -o /tmp/syscall-cost tools/perf/syscall-cost.c && /tmp/syscall-cost
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <time.h>
#include <sys/resource.h>
static double cpu(void){struct rusage u;getrusage(RUSAGE_SELF,&u);return u.ru_utime.tv_sec+u.ru_stime.tv_sec+(u.ru_utime.tv_usec+u.ru_stime.tv_usec)/1e6;}
int main(){int N=1000000;double c0=cpu();for(int i=0;i<N;i++)syscall(SYS_getppid);double c1=cpu();printf("getppid: %.0f ns/call\n",(c1-c0)*1e9/N);
 int r=socket(AF_INET,SOCK_DGRAM|SOCK_NONBLOCK,0);struct sockaddr_in a={0};a.sin_family=AF_INET;a.sin_addr.s_addr=htonl(0x7f000001);bind(r,(void*)&a,sizeof a);socklen_t l=sizeof a;getsockname(r,(void*)&a,&l);
 int rb=8<<20;setsockopt(r,SOL_SOCKET,SO_RCVBUF,&rb,sizeof rb);
 char buf[2048];c0=cpu();for(int i=0;i<N;i++)recvfrom(r,buf,sizeof buf,0,0,0);c1=cpu();printf("empty recvfrom: %.0f ns/call\n",(c1-c0)*1e9/N);
 int s=socket(AF_INET,SOCK_DGRAM,0);char p[172];memset(p,1,sizeof p);
 double tr=0,tm=0;long nr=0,nm=0;struct mmsghdr mm[64];struct iovec io[64];static char bb[64][2048];
 for(int i=0;i<64;i++){io[i].iov_base=bb[i];io[i].iov_len=2048;memset(&mm[i],0,sizeof mm[i]);mm[i].msg_hdr.msg_iov=&io[i];mm[i].msg_hdr.msg_iovlen=1;}
 for(int round=0;round<4000;round++){for(int k=0;k<64;k++)sendto(s,p,sizeof p,0,(void*)&a,sizeof a);
  if(round%2){c0=cpu();for(int k=0;k<64;k++){struct sockaddr_in f;socklen_t fl=sizeof f;recvfrom(r,buf,sizeof buf,0,(void*)&f,&fl);}tr+=cpu()-c0;nr+=64;}
  else{c0=cpu();int got=recvmmsg(r,mm,64,0,0);tm+=cpu()-c0;nm+=got;}}
 printf("recvfrom with a datagram: %.0f ns/datagram; recvmmsg(64): %.0f ns/datagram\n",tr*1e9/nr,tm*1e9/nm);return 0;}
