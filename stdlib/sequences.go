package stdlib

import "github.com/ktcoro/ktcoro/interp"

// This file holds lazy sequences: kSeq and its intermediate operations
// (map, filter, take, flatMap, zip, sorted, ...), the sequence { } and
// iterator { } builders with SequenceScope, and sequenceOf and
// generateSequence.

// kSeq is a lazy sequence: each iteration calls iter for a fresh
// iterator. Intermediate operations (map, filter, take, ...) build new
// sequences; their lambdas are called from Go while iterating and must
// not suspend (as in Kotlin, where they are not inline).
type kSeq struct {
	iter func(co *kCoro) (interp.Iterator, error)
}

func (*kSeq) Class() *interp.Class { return seqImplClass }

func seqV(iter func(co *kCoro) (interp.Iterator, error)) kValue {
	return interp.Obj(&kSeq{iter: iter})
}

// derive returns a sequence whose iterator wraps an iterator of s.
func (s *kSeq) derive(f func(co *kCoro, src interp.Iterator) interp.Iterator) kValue {
	return seqV(func(co *kCoro) (interp.Iterator, error) {
		src, err := s.iter(co)
		if err != nil {
			return nil, err
		}
		return f(co, src), nil
	})
}

// stateful returns a sequence that collects s, transforms the elements
// and yields the result (sorted, ...).
func (s *kSeq) stateful(f func(co *kCoro, xs []kValue) ([]kValue, error)) kValue {
	return seqV(func(co *kCoro) (interp.Iterator, error) {
		xs, err := co.Elements(interp.Obj(s))
		if err != nil {
			return nil, err
		}
		if err := allocValues(co, len(xs)); err != nil {
			return nil, err
		}
		ys, err := f(co, append([]kValue(nil), xs...))
		if err != nil {
			return nil, err
		}
		return co.Iterator(kListV(ys))
	})
}

func (s *kSeq) slice(name string, n int) kValue {
	switch name {
	case "take":
		return s.derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			i := 0
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				if i >= n {
					return kNull, false, nil
				}
				i++
				return src.Next(co)
			})
		})
	case "drop":
		return s.derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			dropped := false
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				if !dropped {
					dropped = true
					for i := 0; i < n; i++ {
						if _, ok, err := src.Next(co); err != nil || !ok {
							return kNull, false, err
						}
					}
				}
				return src.Next(co)
			})
		})
	}
	return s.stateful(func(co *kCoro, xs []kValue) ([]kValue, error) {
		k := min(n, len(xs))
		if name == "takeLast" {
			return xs[len(xs)-k:], nil
		}
		return xs[:len(xs)-k], nil
	})
}

func (s *kSeq) windowed(size, step int, partial bool, transform kValue) kValue {
	return s.derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
		var buf []kValue
		done := false
		return kFuncIter(func(co *kCoro) (kValue, bool, error) {
			for !done && len(buf) < size {
				v, ok, err := src.Next(co)
				if err != nil {
					return kNull, false, err
				}
				if !ok {
					done = true
					break
				}
				if err := co.CheckGrowth(len(buf), cap(buf), interp.ValueBytes); err != nil {
					return kNull, false, err
				}
				buf = append(buf, v)
				if err := co.WorkAt(len(buf)); err != nil {
					return kNull, false, err
				}
			}
			if len(buf) == 0 || (len(buf) < size && !partial) {
				return kNull, false, nil
			}
			if err := allocValues(co, 2*len(buf)); err != nil {
				return kNull, false, err
			}
			if err := co.Work(len(buf)); err != nil {
				return kNull, false, err
			}
			w := kListV(append([]kValue(nil), buf...))
			if step >= len(buf) {
				skip := step - len(buf)
				buf = buf[:0]
				for ; skip > 0 && !done; skip-- {
					if err := co.WorkAt(skip); err != nil {
						return kNull, false, err
					}
					if _, ok, err := src.Next(co); err != nil {
						return kNull, false, err
					} else if !ok {
						done = true
					}
				}
			} else {
				buf = append([]kValue(nil), buf[step:]...)
			}
			if !transform.IsNull() {
				r, err := co.CallSync(transform, w)
				return r, err == nil, err
			}
			return w, true, nil
		})
	})
}

func callBool(co *kCoro, fn kValue, args ...kValue) (bool, error) {
	r, err := co.CallSync(fn, args...)
	return r.AsBool(), err
}

// initSequenceTransforms registers the lazy sequence operations that map
// or filter elements: iterator, map, mapIndexed, filter*, mapNotNull and
// onEach.
func initSequenceTransforms() {
	c := seqImplClass
	seq := func(v kValue) *kSeq { return v.AsObject().(*kSeq) }
	kMethod(c, "iterator", func(co *kCoro, this kValue, _ []kValue) (kValue, error) {
		it, err := seq(this).iter(co)
		if err != nil {
			return kNull, err
		}
		return interp.Obj(&kPeekIter{src: it}), nil
	})
	kMethod(c, "map", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				v, ok, err := src.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				r, err := co.CallSync(fn, v)
				return r, err == nil, err
			})
		}), nil
	})
	kMethod(c, "mapIndexed", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			i := 0
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				v, ok, err := src.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				r, err := co.CallSync(fn, interp.Int(int32(i)), v)
				i++
				return r, err == nil, err
			})
		}), nil
	})
	filter := func(keep func(co *kCoro, i int, v kValue) (bool, error)) func(s *kSeq) kValue {
		return func(s *kSeq) kValue {
			return s.derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
				i := 0
				return kFuncIter(func(co *kCoro) (kValue, bool, error) {
					for {
						v, ok, err := src.Next(co)
						if err != nil || !ok {
							return kNull, false, err
						}
						k, err := keep(co, i, v)
						i++
						if err != nil {
							return kNull, false, err
						}
						if k {
							return v, true, nil
						}
					}
				})
			})
		}
	}
	kMethod(c, "filter", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return filter(func(co *kCoro, _ int, v kValue) (bool, error) { return callBool(co, fn, v) })(seq(this)), nil
	})
	kMethod(c, "filterNot", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return filter(func(co *kCoro, _ int, v kValue) (bool, error) {
			b, err := callBool(co, fn, v)
			return !b, err
		})(seq(this)), nil
	})
	kMethod(c, "filterIndexed", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return filter(func(co *kCoro, i int, v kValue) (bool, error) {
			return callBool(co, fn, interp.Int(int32(i)), v)
		})(seq(this)), nil
	})
	kMethod(c, "filterNotNull", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return filter(func(co *kCoro, _ int, v kValue) (bool, error) { return !v.IsNull(), nil })(seq(this)), nil
	})
	kMethod(c, "mapNotNull", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				for {
					v, ok, err := src.Next(co)
					if err != nil || !ok {
						return kNull, false, err
					}
					r, err := co.CallSync(fn, v)
					if err != nil {
						return kNull, false, err
					}
					if !r.IsNull() {
						return r, true, nil
					}
				}
			})
		}), nil
	})
	kMethod(c, "onEach", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				v, ok, err := src.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				_, err = co.CallSync(fn, v)
				return v, err == nil, err
			})
		}), nil
	})
}

// initSequenceSlices registers the lazy sequence operations that cut or
// flatten: takeWhile/dropWhile, take/drop, flatMap, flatten, distinct and
// distinctBy.
func initSequenceSlices() {
	c := seqImplClass
	seq := func(v kValue) *kSeq { return v.AsObject().(*kSeq) }
	whileOp := func(take bool) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			fn := args[0]
			return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
				done := false
				return kFuncIter(func(co *kCoro) (kValue, bool, error) {
					for {
						v, ok, err := src.Next(co)
						if err != nil || !ok {
							return kNull, false, err
						}
						if done {
							if take {
								return kNull, false, nil
							}
							return v, true, nil
						}
						b, err := callBool(co, fn, v)
						if err != nil {
							return kNull, false, err
						}
						if take {
							if !b {
								done = true
								return kNull, false, nil
							}
							return v, true, nil
						}
						if !b {
							done = true
							return v, true, nil
						}
					}
				})
			}), nil
		}
	}
	kMethod(c, "takeWhile", whileOp(true))
	kMethod(c, "dropWhile", whileOp(false))
	for _, name := range []string{"take", "drop", "takeLast", "dropLast"} {
		name := name
		kMethod(c, name, func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			n := kToInt(args[0])
			if n < 0 {
				return kNull, co.Errorf("java.lang.IllegalArgumentException", "Requested element count %d is less than zero.", n)
			}
			return seq(this).slice(name, n), nil
		})
	}
	flatMap := func(co *kCoro, s *kSeq, fn kValue) kValue {
		return s.derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			var cur interp.Iterator
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				for {
					if cur != nil {
						v, ok, err := cur.Next(co)
						if err != nil {
							return kNull, false, err
						}
						if ok {
							return v, true, nil
						}
						cur = nil
					}
					v, ok, err := src.Next(co)
					if err != nil || !ok {
						return kNull, false, err
					}
					if !fn.IsNull() {
						if v, err = co.CallSync(fn, v); err != nil {
							return kNull, false, err
						}
					}
					if cur, err = kIteratorOf(co, v); err != nil {
						return kNull, false, err
					}
				}
			})
		})
	}
	kMethod(c, "flatMap", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return flatMap(co, seq(this), args[0]), nil
	})
	kMethod(c, "flatten", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return flatMap(co, seq(this), kNull), nil
	})
	distinctBy := func(s *kSeq, fn kValue) kValue {
		return s.derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			seen := interp.NewMap(interp.LinkedSetClass)
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				for {
					v, ok, err := src.Next(co)
					if err != nil || !ok {
						return kNull, false, err
					}
					k := v
					if !fn.IsNull() {
						if k, err = co.CallSync(fn, v); err != nil {
							return kNull, false, err
						}
					}
					_, found, err := seen.Put(co, k, interp.Unit)
					if err != nil {
						return kNull, false, err
					}
					if !found {
						return v, true, nil
					}
				}
			})
		})
	}
	kMethod(c, "distinct", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return distinctBy(seq(this), kNull), nil
	})
	kMethod(c, "distinctBy", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return distinctBy(seq(this), args[0]), nil
	})
}

// initSequenceCombining registers withIndex, zip, zipWithNext, plus,
// the sorted* operations (stateful: they read the whole source), chunked,
// constrainOnce and elementAt.
func initSequenceCombining() {
	c := seqImplClass
	seq := func(v kValue) *kSeq { return v.AsObject().(*kSeq) }
	kMethod(c, "withIndex", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			i := 0
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				v, ok, err := src.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				i++
				return kIndexedValue(co, i-1, v), true, nil
			})
		}), nil
	})
	kMethod(c, "zip", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		other, fn := args[0], kArgOr(args, 1, kNull)
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			var oit interp.Iterator
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				if oit == nil {
					var err error
					if oit, err = kIteratorOf(co, other); err != nil {
						return kNull, false, err
					}
				}
				a, ok, err := src.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				b, ok, err := oit.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				if fn.IsNull() {
					return kPairOf(co, a, b), true, nil
				}
				r, err := co.CallSync(fn, a, b)
				return r, err == nil, err
			})
		}), nil
	})
	kMethod(c, "zipWithNext", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		fn := kArgOr(args, 0, kNull)
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			var prev kValue
			started := false
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				if !started {
					started = true
					v, ok, err := src.Next(co)
					if err != nil || !ok {
						return kNull, false, err
					}
					prev = v
				}
				v, ok, err := src.Next(co)
				if err != nil || !ok {
					return kNull, false, err
				}
				a := prev
				prev = v
				if fn.IsNull() {
					return kPairOf(co, a, v), true, nil
				}
				r, err := co.CallSync(fn, a, v)
				return r, err == nil, err
			})
		}), nil
	})
	kMethod(c, "plus", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		other := args[0]
		many := kIsCollectionArg(other)
		return seq(this).derive(func(co *kCoro, src interp.Iterator) interp.Iterator {
			var second interp.Iterator
			first := true
			single := false
			return kFuncIter(func(co *kCoro) (kValue, bool, error) {
				if first {
					v, ok, err := src.Next(co)
					if err != nil || ok {
						return v, ok, err
					}
					first = false
					if !many {
						single = true
						return other, true, nil
					}
					if second, err = kIteratorOf(co, other); err != nil {
						return kNull, false, err
					}
				}
				if single {
					return kNull, false, nil
				}
				return second.Next(co)
			})
		}), nil
	})
	sortOp := func(f func(co *kCoro, xs []kValue, args []kValue) error) interp.NativeFunc {
		return func(co *kCoro, this kValue, args []kValue) (kValue, error) {
			return seq(this).stateful(func(co *kCoro, xs []kValue) ([]kValue, error) {
				return xs, f(co, xs, args)
			}), nil
		}
	}
	kMethod(c, "sorted", sortOp(func(co *kCoro, xs, _ []kValue) error { return kSortValues(co, xs) }))
	kMethod(c, "sortedDescending", sortOp(func(co *kCoro, xs, _ []kValue) error {
		return kSortWith(co, xs, kReverseCmp(kNatural(co)))
	}))
	kMethod(c, "sortedWith", sortOp(func(co *kCoro, xs, args []kValue) error {
		return kSortWith(co, xs, kComparatorFunc(co, args[0]))
	}))
	kMethod(c, "sortedBy", sortOp(func(co *kCoro, xs, args []kValue) error {
		return kSortBySelector(co, xs, args[0], false)
	}))
	kMethod(c, "sortedByDescending", sortOp(func(co *kCoro, xs, args []kValue) error {
		return kSortBySelector(co, xs, args[0], true)
	}))
	kMethod(c, "chunked", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		n := kToInt(args[0])
		return kWindowed(co, this, n, n, true, kArgOr(args, 1, kNull))
	})
	kMethod(c, "constrainOnce", func(co *kCoro, this kValue, args []kValue) (kValue, error) { return this, nil })
	kMethod(c, "elementAt", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		i := kToInt(args[0])
		it, err := seq(this).iter(co)
		if err != nil {
			return kNull, err
		}
		for j := 0; ; j++ {
			v, ok, err := it.Next(co)
			if err != nil {
				return kNull, err
			}
			if !ok || i < 0 {
				return kNull, co.Errorf("java.lang.IndexOutOfBoundsException", "Sequence doesn't contain element at index %d.", i)
			}
			if j == i {
				return v, nil
			}
		}
	})

}

// initSequenceScope registers SequenceScope's yield and yieldAll.
func initSequenceScope() {
	// Sequence { iterator }: a sequence whose every iteration calls the
	// function for a fresh iterator
	SequenceClass.SetFactory(func(co *kCoro, _ kValue, args []kValue) (kValue, error) {
		fn := args[0]
		return seqV(func(co *kCoro) (interp.Iterator, error) {
			it, err := co.CallSync(fn)
			if err != nil {
				return nil, err
			}
			return kIteratorOf(co, it)
		}), nil
	}, "iterator")
	sc := SequenceScopeClass
	kMethod(sc, "yield", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		s := this.AsObject().(*seqScope)
		s.val, s.has = args[0], true
		if err := co.Suspend(); err != nil {
			return kNull, err
		}
		return kNull, interp.ErrSuspend
	})
	kMethod(sc, "yieldAll", func(co *kCoro, this kValue, args []kValue) (kValue, error) {
		s := this.AsObject().(*seqScope)
		it, err := kIteratorOf(co, args[0])
		if err != nil {
			return kNull, err
		}
		s.sub = it
		if err := co.Suspend(); err != nil {
			return kNull, err
		}
		return kNull, interp.ErrSuspend
	})
}

// seqScope is the receiver of a sequence { } builder: yield hands a value
// to the consumer and suspends the builder's coroutine.
type seqScope struct {
	val kValue
	has bool
	sub interp.Iterator
}

func (*seqScope) Class() *interp.Class { return SequenceScopeClass }

// builderIter runs a sequence { } block in its own coroutine, resuming it
// whenever the consumer wants the next element.
type builderIter struct {
	block   kValue
	scope   *seqScope
	inner   *interp.Coroutine
	started bool
	done    bool
}

func (*builderIter) Class() *interp.Class { return iterImplClass }

func (it *builderIter) Next(co *kCoro) (kValue, bool, error) {
	for {
		if it.scope.sub != nil {
			v, ok, err := it.scope.sub.Next(co)
			if err != nil {
				return kNull, false, err
			}
			if ok {
				return v, true, nil
			}
			it.scope.sub = nil
		}
		if it.done {
			return kNull, false, nil
		}
		if !it.started {
			it.started = true
			fn, ok := interp.BindReceiver(it.block, interp.Obj(it.scope))
			if !ok {
				it.done = true
				return kNull, false, co.Errorf("java.lang.IllegalArgumentException", "sequence { } needs a lambda")
			}
			inner, err := co.Interp().NewCoroutine(fn)
			if err != nil {
				return kNull, false, err
			}
			it.inner = inner
		} else {
			it.inner.Resume(interp.Unit)
		}
		switch it.inner.Run() {
		case interp.Done:
			it.done = true
			it.inner = nil
		case interp.Failed:
			it.done = true
			err := it.inner.Err()
			it.inner = nil
			return kNull, false, err
		case interp.Suspended:
			if it.scope.has {
				it.scope.has = false
				v := it.scope.val
				it.scope.val = kNull
				return v, true, nil
			}
			if it.scope.sub == nil {
				it.done = true
				return kNull, false, co.Errorf("java.lang.IllegalStateException",
					"a sequence { } builder may only suspend in yield and yieldAll")
			}
		}
	}
}

func (it *builderIter) hasNext(co *kCoro) (bool, error) { return false, nil }

func newBuilderIter(block kValue) interp.Iterator {
	return &kPeekIter{src: &builderIter{block: block, scope: &seqScope{}}}
}

func fnSequence(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	block := args[0]
	return seqV(func(co *kCoro) (interp.Iterator, error) { return newBuilderIter(block), nil }), nil
}

func fnIteratorBuilder(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	return interp.Obj(newBuilderIter(args[0])), nil
}

func fnSequenceOf(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	xs := append([]kValue(nil), args...)
	return seqV(func(co *kCoro) (interp.Iterator, error) { return co.Iterator(kListV(xs)) }), nil
}

// fnGenerateSequence is generateSequence(seed) { next },
// generateSequence(seedFunction, nextFunction) and
// generateSequence(nextFunction); a null ends the sequence.
func fnGenerateSequence(co *kCoro, _ kValue, args []kValue) (kValue, error) {
	var seed, seedFn, next kValue
	switch len(args) {
	case 1:
		seedFn, next = args[0], args[0]
	default:
		if kIsFunc(args[0]) {
			seedFn = args[0]
		} else {
			seed = args[0]
		}
		next = args[1]
	}
	return seqV(func(co *kCoro) (interp.Iterator, error) {
		started := false
		var cur kValue
		return kFuncIter(func(co *kCoro) (kValue, bool, error) {
			var err error
			if !started {
				started = true
				cur = seed
				if !seedFn.IsNull() {
					cur, err = co.CallSync(seedFn)
				}
			} else if !cur.IsNull() {
				cur, err = co.CallSync(next, cur)
			}
			if err != nil || cur.IsNull() {
				return kNull, false, err
			}
			return cur, true, nil
		}), nil
	}), nil
}
