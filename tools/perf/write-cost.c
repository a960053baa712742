// What a buffered file write costs on this machine, paced as the receive loops write their stream files (series BC):
// FILES files, each with a HEADER-byte header, written round-robin WSIZE bytes at a time at RATE writes a second for
// SECONDS, in FOLDER; prints the process's CPU per write (the 1 ms sleeps between rounds included). The files are
// deleted at the end. At 1,000 calls the loops write 2,000 stream files about 4,000 times a second, 8,000 bytes each:
//   gcc -O2 -o /tmp/write-cost tools/perf/write-cost.c && /tmp/write-cost 2000 8000 44 4000 15 /some/folder/on/the/disk
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
static double cpu(void){struct rusage u;getrusage(RUSAGE_SELF,&u);return u.ru_utime.tv_sec+u.ru_stime.tv_sec+(u.ru_utime.tv_usec+u.ru_stime.tv_usec)/1e6;}
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
int main(int c,char**v){if(c<7){fprintf(stderr,"usage: write-cost FILES WSIZE HEADER RATE SECONDS FOLDER\n");return 2;}int n=atoi(v[1]);int ws=atoi(v[2]);int hdr=atoi(v[3]);int rate=atoi(v[4]);int secs=atoi(v[5]);const char*dir=v[6];
 int*fd=malloc(n*sizeof(int));char p[512];char*buf=malloc(1<<20);memset(buf,7,1<<20);
 for(int i=0;i<n;i++){snprintf(p,sizeof p,"%s/f%05d",dir,i);fd[i]=open(p,O_CREAT|O_TRUNC|O_WRONLY,0644);if(hdr)write(fd[i],buf,hdr);}
 double t0=now(),c0=cpu();long w=0;int i=0;
 while(now()-t0<secs){long due=(long)((now()-t0)*rate);while(w<due){write(fd[i],buf,ws);i=(i+1)%n;w++;}usleep(1000);}
 double c1=cpu();
 printf("files=%d wsize=%d rate=%d writes=%ld cpu=%.3fs cores=%.3f us/write=%.2f\n",n,ws,rate,w,c1-c0,(c1-c0)/secs,(c1-c0)*1e6/w);
 for(int i=0;i<n;i++){close(fd[i]);snprintf(p,sizeof p,"%s/f%05d",dir,i);unlink(p);}return 0;}
