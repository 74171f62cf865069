set terminal pngcairo size 1400,600 font ',10'
set output 'latency-vs-rate.png'
set multiplot layout 1,2 title "Latency of an echo call against the offered rate, open loop, timed from the scheduled send (lines: fixed-rate phases; circles: ramp steps)"
set xlabel 'offered calls/s'
set logscale xy
set grid
set key top left
set yrange [0.5:*]
set title 'p50 latency'
set ylabel 'p50 latency, ms'
plot 'latency-vs-rate.dat' index 0 using 1:3 with linespoints lc 1 pt 7 title 'direct 2025', '' index 1 using 1:3 with points lc 1 pt 6 notitle, 'latency-vs-rate.dat' index 2 using 1:3 with linespoints lc 2 pt 7 title 'mcp-proxy 2025', '' index 3 using 1:3 with points lc 2 pt 6 notitle, 'latency-vs-rate.dat' index 4 using 1:3 with linespoints lc 3 pt 7 title 'mcp-proxy 2026', '' index 5 using 1:3 with points lc 3 pt 6 notitle, 'latency-vs-rate.dat' index 6 using 1:3 with linespoints lc 4 pt 7 title 'gateway 2025', '' index 7 using 1:3 with points lc 4 pt 6 notitle, 'latency-vs-rate.dat' index 8 using 1:3 with linespoints lc 5 pt 7 title 'gateway 2026', '' index 9 using 1:3 with points lc 5 pt 6 notitle, 100 with lines dashtype 2 lc rgb 'gray' title '100 ms'
set title 'p99 latency'
set ylabel 'p99 latency, ms'
plot 'latency-vs-rate.dat' index 0 using 1:4 with linespoints lc 1 pt 7 title 'direct 2025', '' index 1 using 1:4 with points lc 1 pt 6 notitle, 'latency-vs-rate.dat' index 2 using 1:4 with linespoints lc 2 pt 7 title 'mcp-proxy 2025', '' index 3 using 1:4 with points lc 2 pt 6 notitle, 'latency-vs-rate.dat' index 4 using 1:4 with linespoints lc 3 pt 7 title 'mcp-proxy 2026', '' index 5 using 1:4 with points lc 3 pt 6 notitle, 'latency-vs-rate.dat' index 6 using 1:4 with linespoints lc 4 pt 7 title 'gateway 2025', '' index 7 using 1:4 with points lc 4 pt 6 notitle, 'latency-vs-rate.dat' index 8 using 1:4 with linespoints lc 5 pt 7 title 'gateway 2026', '' index 9 using 1:4 with points lc 5 pt 6 notitle, 100 with lines dashtype 2 lc rgb 'gray' title '100 ms'
unset multiplot
